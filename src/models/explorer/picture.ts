/*
 * The black-box explorer as a picture: the generator writes a row for an ask (confidence c and class),
 * the random forest answers with the confidence it obtains, and the gap between the two is the loss.
 * The forest has no gradient: it reaches the generator through a surrogate distilled from it, or through
 * a score-function estimator; a discriminator keeps rows realistic only with a realism weight above 0.
 * The second row stays clear between the ask and the gap (the ask's arrow runs along it), and the bottom
 * row's first two cells hold the speed chooser on the page.
 */
import { noiseBox, type ModelPicture, type PictureArrow, type PictureBox } from '../picture';
import { EXPLORER_SERIES, type ExplorerTrainingSettings } from './description';

export function explorerPicture(settings: ExplorerTrainingSettings): ModelPicture {
  const surrogate = settings.training === 'surrogate';
  const boxes: PictureBox[] = [
    noiseBox(settings.noiseSize),
    {
      id: 'ask',
      label: 'Asked c, class',
      note: 'confidence to hit',
      hint: 'the confidence c the forest should give each row, and the class it should give it for',
      kind: 'input',
      column: 0,
      row: 1,
      series: [],
      lit: ['draw', 'generate', 'score'],
    },
    {
      id: 'generator',
      label: 'Generator G',
      note: surrogate ? 'MLP' : 'MLP as a policy',
      hint: surrogate
        ? 'an MLP from noise and ask to a row'
        : 'an MLP from noise and ask to a policy: categories drawn from its softmax, numbers from a normal',
      kind: 'network',
      column: 1,
      row: 0,
      series: [EXPLORER_SERIES.generator],
      lit: ['generate', 'update-g'],
    },
    {
      id: 'fake',
      label: 'Generated rows',
      note: 'one-hot + scaled',
      hint: 'a batch of rows the generator writes, categories one-hot, numbers clamped to their range',
      kind: 'rows',
      column: 2,
      row: 0,
      series: [],
      lit: ['generate', 'score'],
    },
    {
      id: 'forest',
      label: 'Random forest',
      note: 'black box',
      hint: 'the black box: a random forest trained on the real rows; it answers, but has no gradient',
      kind: 'network',
      column: 3,
      row: 0,
      series: [],
      lit: ['score'],
    },
    {
      id: 'obtained',
      label: 'Obtained c',
      note: "forest's confidence",
      hint: "the forest's probability of the asked class, for each generated row",
      kind: 'verdict',
      column: 4,
      row: 0,
      series: [],
      lit: ['score'],
    },
    {
      id: 'gap',
      label: '|c − obtained|',
      note: 'mean: the MAE',
      hint: 'how far the confidence the forest gives each row is from the asked one; its mean is the MAE',
      kind: 'verdict',
      column: 4,
      row: 1,
      series: [EXPLORER_SERIES.mae],
      lit: ['score', 'update-g'],
    },
    surrogate
      ? {
          id: 'surrogate',
          label: 'Surrogate S',
          note: 'mimics the forest', // 'distilled from the forest' overflowed its box at projector size
          hint: "a small network taught the forest's answers, on real rows and the generator's own; the gap's gradient flows back through it",
          kind: 'network',
          column: 2,
          row: 2,
          series: [EXPLORER_SERIES.surrogate, EXPLORER_SERIES.agreement],
          lit: ['score', 'update-d', 'update-g'],
        }
      : {
          id: 'estimator',
          label: 'Score function',
          note: 'gradient-free',
          hint: "each row's gap weighs the gradient of its log-probability, against the other rows drawn for the same ask",
          kind: 'verdict',
          column: 2,
          row: 2,
          series: [],
          lit: ['update-g'],
        },
  ];
  const learner = surrogate ? 'surrogate' : 'estimator';
  const arrows: PictureArrow[] = [
    { from: 'noise', to: 'generator', kind: 'data', lit: ['generate'] },
    { from: 'ask', to: 'generator', kind: 'data', lit: ['generate'] },
    { from: 'generator', to: 'fake', kind: 'data', lit: ['generate'] },
    { from: 'fake', to: 'forest', kind: 'data', lit: ['score'] },
    { from: 'forest', to: 'obtained', kind: 'data', lit: ['score'] },
    { from: 'obtained', to: 'gap', kind: 'data', lit: ['score'] },
    { from: 'ask', to: 'gap', kind: 'data', lit: ['score'] },
    { from: 'gap', to: learner, kind: surrogate ? 'gradient' : 'data', lit: ['update-g'] },
    { from: learner, to: 'generator', kind: 'gradient', lit: ['update-g'] },
  ];
  if (surrogate)
    arrows.push(
      // Distilled: the forest's answers on real and generated rows are what the surrogate learns.
      { from: 'forest', to: 'surrogate', kind: 'data', lit: ['update-d'] },
      { from: 'fake', to: 'surrogate', kind: 'data', lit: ['score'] },
    );
  if (settings.realismWeight > 0) {
    boxes.push(
      {
        id: 'real',
        label: 'Real rows',
        note: 'matched to the asks',
        hint: 'training rows the forest scores as asked, each beside its ask',
        kind: 'rows',
        column: 4,
        row: 2,
        series: [],
        lit: ['draw', 'score'],
      },
      {
        id: 'discriminator',
        label: 'Discriminator D',
        note: `realism × ${settings.realismWeight}`,
        hint: `an MLP judging each row beside its ask; its pull on the generator is capped at the confidence term's, times ${settings.realismWeight}`,
        kind: 'network',
        column: 3,
        row: 2,
        series: [EXPLORER_SERIES.discriminator],
        lit: ['score', 'update-d', 'update-g'],
      },
    );
    arrows.push(
      { from: 'fake', to: 'discriminator', kind: 'data', lit: ['score'] },
      { from: 'real', to: 'discriminator', kind: 'data', lit: ['score'] },
      { from: 'discriminator', to: 'generator', kind: 'gradient', lit: ['update-g'] },
    );
  }
  return { boxes, arrows };
}
