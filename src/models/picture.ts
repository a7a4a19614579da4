/*
 * A model as a picture (GAN Lab's model overview, for tables): the boxes a family is made of and what
 * flows between them, as plain data in each family's description.ts. One SVG component on the page
 * draws any family's picture and lights the parts of the sub-step being done.
 */

/** The sub-steps of one training iteration, in the order they happen. */
export type StepPhase = 'draw' | 'generate' | 'score' | 'update-d' | 'update-g';

export const STEP_PHASES: readonly { phase: StepPhase; label: string }[] = [
  { phase: 'draw', label: 'Draw noise z and conditions y, and a batch of real rows' },
  { phase: 'generate', label: 'The generator writes rows' },
  { phase: 'score', label: 'The discriminator scores real and generated rows' },
  { phase: 'update-d', label: 'Update the discriminator' },
  { phase: 'update-g', label: 'Update the generator' },
];

/** The sub-steps a one-player step does: a discriminator step draws, generates and scores before it updates. */
export const PART_PHASES = {
  discriminator: ['draw', 'generate', 'score', 'update-d'],
  generator: ['update-g'],
} as const satisfies Record<string, readonly StepPhase[]>;

export interface PictureBox {
  id: string;
  label: string;
  /** What it is, in a few words ("16 numbers"): under the label until it has a figure. */
  note: string;
  /** More about it, on hover. */
  hint?: string;
  kind: 'input' | 'network' | 'rows' | 'verdict';
  /** Place in the picture's grid: columns run from the inputs (0) to the verdicts (4), rows from the top. */
  column: number;
  row: number;
  /** Series (losses or metrics the model reports) whose latest values the box shows. */
  series: readonly string[];
  /** The sub-steps during which it is at work. */
  lit: readonly StepPhase[];
}

export interface PictureArrow {
  from: string;
  to: string;
  /** data: rows or numbers flow forward; gradient: a loss's gradient flows back to a network. */
  kind: 'data' | 'gradient';
  lit: readonly StepPhase[];
}

export interface ModelPicture {
  boxes: readonly PictureBox[];
  arrows: readonly PictureArrow[];
}

/** What a GAN family changes in the common picture. */
export interface GanPictureParts {
  noiseSize: number;
  /** The condition the generator and discriminator are given; null: none (table-GAN writes the target). */
  condition: { label: string; note: string; hint: string } | null;
  /** The discriminator's name and what it judges. */
  judge: { label: string; note: string; hint?: string; series: string };
  generator: { note: string; hint?: string; series: readonly string[] };
  /** How rows look to the networks: "one-hot + scaled" numbers, "d×d images". */
  rowsNote: string;
  /** A network beside the discriminator that also scores generated rows and feeds the generator. */
  helper?: {
    id: string;
    label: string;
    note: string;
    hint: string;
    series: readonly string[];
    trainsWithD: boolean;
  };
}

/** Noise z, top left: every generator's first input. */
export function noiseBox(size: number): PictureBox {
  return {
    id: 'noise',
    label: 'Noise z',
    note: `${size} numbers`,
    hint: `${size} random numbers, drawn afresh for every row`,
    kind: 'input',
    column: 0,
    row: 0,
    series: [],
    lit: ['draw', 'generate'],
  };
}

/**
 * The common picture: z (and y) into the generator, its rows and real rows into the discriminator,
 * verdicts back; gradients flow from the verdicts to the discriminator and, through it, to the generator.
 */
export function ganPicture(parts: GanPictureParts): ModelPicture {
  const { condition, judge, generator, rowsNote, helper } = parts;
  const boxes: PictureBox[] = [
    noiseBox(parts.noiseSize),
    {
      id: 'generator',
      label: 'Generator G',
      note: generator.note,
      hint: generator.hint,
      kind: 'network',
      column: 1,
      row: 0,
      series: generator.series,
      lit: ['generate', 'update-g'],
    },
    {
      id: 'fake',
      label: 'Generated rows',
      note: rowsNote,
      hint: `a batch of rows the generator writes, as ${rowsNote}`,
      kind: 'rows',
      column: 2,
      row: 0,
      series: [],
      lit: ['generate', 'score'],
    },
    {
      id: 'real',
      label: 'Real rows',
      note: rowsNote,
      hint: `a batch of training rows, as ${rowsNote}`,
      kind: 'rows',
      column: 2,
      row: 2,
      series: [],
      lit: ['draw', 'score'],
    },
    {
      id: 'discriminator',
      label: judge.label,
      note: judge.note,
      hint: judge.hint,
      kind: 'network',
      column: 3,
      row: 1,
      series: [judge.series],
      lit: ['score', 'update-d', 'update-g'],
    },
    {
      id: 'verdicts',
      label: 'Verdicts',
      note: 'real or generated?',
      kind: 'verdict',
      column: 4,
      row: 1,
      series: [],
      lit: ['score', 'update-d', 'update-g'],
    },
  ];
  const arrows: PictureArrow[] = [
    { from: 'noise', to: 'generator', kind: 'data', lit: ['generate'] },
    { from: 'generator', to: 'fake', kind: 'data', lit: ['generate'] },
    { from: 'fake', to: 'discriminator', kind: 'data', lit: ['score'] },
    { from: 'real', to: 'discriminator', kind: 'data', lit: ['score'] },
    { from: 'discriminator', to: 'verdicts', kind: 'data', lit: ['score'] },
    { from: 'verdicts', to: 'discriminator', kind: 'gradient', lit: ['update-d', 'update-g'] },
    { from: 'discriminator', to: 'generator', kind: 'gradient', lit: ['update-g'] },
  ];
  if (condition) {
    boxes.push({
      id: 'condition',
      label: condition.label,
      note: condition.note,
      hint: condition.hint,
      kind: 'input',
      column: 0,
      row: 1,
      series: [],
      lit: ['draw', 'generate', 'score'],
    });
    arrows.push(
      { from: 'condition', to: 'generator', kind: 'data', lit: ['generate'] },
      { from: 'condition', to: 'discriminator', kind: 'data', lit: ['score'] },
    );
  }
  if (helper) {
    boxes.push({
      ...helper,
      kind: 'network',
      column: 3,
      row: 0,
      lit: helper.trainsWithD ? ['score', 'update-d', 'update-g'] : ['score', 'update-g'],
    });
    arrows.push(
      { from: 'fake', to: helper.id, kind: 'data', lit: ['score'] },
      { from: helper.id, to: 'generator', kind: 'gradient', lit: ['update-g'] },
    );
    if (helper.trainsWithD) arrows.push({ from: 'real', to: helper.id, kind: 'data', lit: ['update-d'] });
  }
  return { boxes, arrows };
}

/** A GAN family's target as the condition y, as the CGAN gives it. */
export const TARGET_CONDITION = {
  label: 'Condition y',
  note: 'target class',
  hint: 'the target class each generated row is asked for; the discriminator sees it too',
} as const;
