import Papa from 'papaparse';
import type { TypedTable } from '../data/schema';
import type { TableEncoder } from '../encoding/encoder';
import { fail, ok, type Cell, type Result } from '../data/table';
import { answers, forestFigures } from '../models/explorer/answers';
import { askGrid, type Ask } from '../models/explorer/asks';
import { argmax, classNames } from '../models/explorer/blackBox';
import { Explorer, type Explored } from '../models/explorer/explorer';
import { createRng, permutation } from '../rng';
import type { Run } from '../train/run';
import type { ExplorerAnswers, ExplorerExport, ExplorerStatus } from './explorerProtocol';

const NO_MODEL = 'There is no model yet: press Train or Step first.';
/** The forest's figures use at most this many held-out rows (a seeded sample). */
export const HELD_OUT_ROWS = 5_000;
export const EXPORT_ROWS = 1_000;
const MAX_ANSWER_ROWS = 5_000;
export const EXTRA_COLUMNS = ['asked confidence', 'obtained confidence'] as const;

/** The held-out rows in the explorer's encoding, and the forest's answers about them: fixed for a run. */
interface HeldOut {
  features: Float32Array;
  truth: Int32Array;
  probabilities: Float64Array;
}
const heldOutRows = new WeakMap<Explorer, HeldOut>();

/** The `ExplorerApi` requests, answered for the session's run and table; session.ts only delegates. */
export const explorerEndpoints = {
  status(run: Run | null, table: TypedTable | null): ExplorerStatus {
    if (!run || !table) return { kind: 'no-model' };
    const model = run.model;
    if (!(model instanceof Explorer)) return { kind: 'unsupported', message: UNSUPPORTED };
    if (run.preparing) return { kind: 'preparing', message: run.preparing.label };
    const held = heldOut(run, model, table);
    return {
      kind: 'ready',
      step: run.stepsDone,
      training: model.surrogate ? 'surrogate' : 'gradient-free',
      forest: forestFigures(held.probabilities, held.truth, classes(run)),
      surrogateAgreement: model.surrogate?.agreement(held.features) ?? null,
    };
  },

  answers(run: Run | null, count: number): Result<ExplorerAnswers> {
    if (!Number.isInteger(count) || count < 1 || count > MAX_ANSWER_ROWS)
      return fail(`The explorer answers for 1 to ${MAX_ANSWER_ROWS.toLocaleString('en')} rows.`);
    const explored = explore(run, count);
    if (!explored.ok) return explored;
    const { asks, probabilities } = explored.value;
    return ok({ ...answers(asks, probabilities, classes(run!)), step: run!.stepsDone });
  },

  export(run: Run | null, table: TypedTable | null): Result<ExplorerExport> {
    const explored = explore(run, EXPORT_ROWS);
    if (!explored.ok) return explored;
    const { asks, rows, model } = explored.value;
    const names = classes(run!);
    const { codec, training } = run!;
    const conditions = new Float32Array(asks.length * names.length);
    asks.forEach((ask, i) => (conditions[i * names.length + ask.classIndex!] = 1));
    const cells = codec.decodeRows(rows, conditions);
    // Scored again from the written cells: the obtained confidence is the forest's answer about the row
    // exactly as exported (rounded numbers, labels), not about the numbers before decoding.
    const kept = training.schema.columns.flatMap((c, i) => (c.kind === 'ignored' ? [] : [i]));
    const tableRows = cells.map((row) => {
      const full: Cell[] = Array<Cell>(training.schema.columns.length).fill(null);
      kept.forEach((column, i) => (full[column] = row[i] ?? null));
      return full;
    });
    const encoded = codec.encodeRows({ ...training.raw, rows: tableRows });
    const probabilities = model.blackBox.probabilities(encoded.features);
    const found = answers(asks, probabilities, names);
    const csv = Papa.unparse({
      fields: [...codec.outputColumns, ...EXTRA_COLUMNS],
      data: cells.map((row, i) => [
        ...row.map((cell) => cell ?? codec.missingMarker),
        found.asked[i]!.toFixed(4),
        found.obtained[i]!.toFixed(4),
      ]),
    });
    const status = table ? explorerEndpoints.status(run, table) : null;
    const { classes: classNamesInOrder, mae, deciles, perClass, readings } = found;
    const statistics = JSON.stringify(
      {
        table: training.raw.name,
        step: run!.stepsDone,
        settings: run!.settings,
        forest: status?.kind === 'ready' ? status.forest : null,
        surrogateAgreement: status?.kind === 'ready' ? status.surrogateAgreement : null,
        answers: { classes: classNamesInOrder, mae, deciles, perClass, readings },
      },
      null,
      2,
    );
    return ok({ csv, statistics, rows: asks.length });
  },
};

const UNSUPPORTED = 'Choose the black-box explorer as the model to ask a forest for confidences.';

function classes(run: Run): string[] {
  return classNames((run.model as Explorer).encoder);
}

/**
 * `count` rows for the fixed grid of asks, from the same noise every time (the run's evaluation seed),
 * so points move only as the generator learns.
 */
function explore(run: Run | null, count: number): Result<Explored & { asks: Ask[]; model: Explorer }> {
  if (!run) return fail(NO_MODEL);
  const model = run.model;
  if (!(model instanceof Explorer)) return fail(UNSUPPORTED);
  if (run.preparing) return fail(`Not yet: ${run.preparing.label}.`);
  const asks: Ask[] = askGrid(count, model.classCount);
  const explored = model.explore(asks, createRng(run.seeds.evaluation));
  return ok({ asks, model, ...explored });
}

/**
 * Whether a held-out row can be put in the training side's encoding: a category (or a gap) the training
 * rows never had has no place in it, so such rows are left out of the forest's figures.
 */
function encodable(encoder: TableEncoder): (row: readonly Cell[]) => boolean {
  const known = [...encoder.features, encoder.target].map((e) => {
    if (e.kind === 'numeric') return { column: e.column, missing: e.hasMissing, levels: null };
    const levels = new Set([...e.levels, ...(e.pooled?.levels ?? [])]);
    return { column: e.column, missing: e.hasMissing, levels };
  });
  return (row) =>
    known.every(({ column, missing, levels }) => {
      const cell = row[column] ?? null;
      if (cell === null) return missing || levels === null;
      return levels === null || levels.has(cell);
    });
}

function heldOut(run: Run, model: Explorer, table: TypedTable): HeldOut {
  const cached = heldOutRows.get(model);
  if (cached) return cached;
  const indices = run.split.holdout;
  const chosen =
    indices.length > HELD_OUT_ROWS
      ? permutation(indices.length, createRng(run.seeds.evaluation)).subarray(0, HELD_OUT_ROWS)
      : null;
  const rows = (chosen ? Array.from(chosen, (i) => indices[i]!) : indices)
    .map((r) => table.raw.rows[r]!)
    .filter(encodable(model.encoder));
  const encoded = run.codec.encodeRows({ ...table.raw, rows });
  const k = model.classCount;
  const truth = Int32Array.from({ length: encoded.count }, (_, r) => argmax(encoded.conditions, r * k, k));
  const held = {
    features: encoded.features,
    truth,
    probabilities: model.blackBox.probabilities(encoded.features),
  };
  heldOutRows.set(model, held);
  return held;
}
