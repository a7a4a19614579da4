import { fail, ok, type Cell, type Result } from '../../data/table';
import type { TableCodec } from '../../encoding/codec';
import type { EncodedRows } from '../../encoding/encoder';
import type { TrainableModel } from '../../models/model';
import { NearestRowFinder } from './nearest';
import { createRng, permutation, type Rng } from '../../rng';
import * as tf from '../../nn/tf';
import { rankAmongReal, splitVerdicts } from './verdicts';
import { fitProjection, project, unproject, type Projection } from '../live/projection';
import {
  batchConditions,
  BATCH_SIZE,
  conditionsOfRandomRows,
  fixedBatch,
  generateBatch,
  type FixedBatch,
} from './fixedBatch';
import type {
  NearestReal,
  PassCount,
  ScoreScale,
  SnapshotInfo,
  VerdictRequest,
  VerdictSample,
} from '../../worker/verdictProtocol';
import type { DiscriminatorMap, MapPoint, MapRow } from '../../worker/liveProtocol';

export { BATCH_SIZE } from './fixedBatch';
/** Real rows scored at each snapshot: the most a map can show. */
export const MAX_REAL = 4000;
export const MAX_MAP_POINTS = 5000;
export const MAX_PASS_COUNT = 20_000;
/** When more are kept, every second one goes (first and last stay) and the interval doubles. */
const MAX_SNAPSHOTS = 24;
const DEFAULT_EVERY_STEPS = 100;
/** The discriminator's map: its score on a GRID × GRID lattice of the plane, and this many points a side. */
const GRID = 24;
const MAP_POINTS = 300;
/** The plane shown reaches this share of the real rows' extent beyond it on every side. */
const MAP_MARGIN = 0.15;

type Scorer = NonNullable<TrainableModel['discriminate']>;

interface Snapshot extends SnapshotInfo {
  /** BATCH_SIZE × featureWidth generated features (the conditions are the fixed batch's). */
  features: Float32Array;
  batchScores: Float32Array;
  /** Scores of the first MAX_REAL real rows in `realOrder`. */
  realScores: Float32Array;
  /** The discriminator's scores on the map's lattice, row by row from the top (y1) down. */
  gridScores: Float32Array;
  /** Taken after a step by hand: the next one by hand stands in for it while it is the latest. */
  byHand?: boolean;
}

/**
 * The plane of the discriminator's map: a projection fitted once on the real rows' features (fixed
 * axes), its extent, and the lattice of rows its points stand for, kept on the device to score.
 */
interface MapPlane {
  projection: Projection;
  extent: { x0: number; x1: number; y0: number; y1: number };
  grid: { features: tf.Tensor2D; conditions: tf.Tensor2D };
}

/**
 * What the discriminator thinks, over a run: snapshots of its verdicts on one FIXED batch of generated
 * rows (the same noise and conditions every time, as GAN Lab does, so the same points move between
 * snapshots), maps of real, fooled and rejected rows, and "generate N and count". One per run; it
 * holds a few tensors on the device and must be disposed with the run.
 */
export class VerdictLab {
  readonly dim: number;
  readonly scale: ScoreScale;
  everySteps = DEFAULT_EVERY_STEPS;
  private nextSnapshotAt = 1;
  private snapshots: Snapshot[] = [];
  private snapshotCounter = 0;
  private disposed = false;
  /** Snapshots still reading back: the list waits for them, so a finished run shows its last one. */
  private readonly inFlight = new Set<Promise<unknown>>();
  /** A seeded order of the real rows: a map's real sample is its first rows. */
  private readonly realOrder: Int32Array;
  private readonly placeInOrder: Int32Array;
  private readonly realScored: number;
  private readonly batch: FixedBatch;
  private readonly countRng: Rng;
  private readonly device: {
    batchConditions: tf.Tensor2D;
    realFeatures: tf.Tensor2D;
    realConditions: tf.Tensor2D;
  };
  private readonly nearest: NearestRowFinder;
  private plane: MapPlane | null = null;
  /** The last snapshot decoded, read-only to callers. */
  private decoded: { id: number; cells: Cell[][] } | null = null;

  constructor(
    private readonly model: TrainableModel,
    private readonly score: Scorer,
    private readonly codec: TableCodec,
    private readonly rows: EncodedRows,
    seed: number,
  ) {
    const rng = createRng(seed);
    // The first draw is the fixed batch's (verdictBatch), so the health checks can draw the same batch.
    this.batch = fixedBatch(rows, codec.conditionWidth, rng.seed());
    this.dim = codec.featureWidth + codec.conditionWidth;
    this.realOrder = permutation(rows.count, createRng(rng.seed()));
    this.placeInOrder = new Int32Array(rows.count);
    this.realOrder.forEach((row, place) => (this.placeInOrder[row] = place));
    this.realScored = Math.min(rows.count, MAX_REAL);
    this.countRng = createRng(rng.seed());
    const scored = this.realOrder.subarray(0, this.realScored);
    this.device = {
      batchConditions: batchConditions(this.batch),
      realFeatures: tf.tensor2d(gatherRows(rows.features, codec.featureWidth, scored), [
        this.realScored,
        codec.featureWidth,
      ]),
      realConditions: tf.tensor2d(gatherRows(rows.conditions, codec.conditionWidth, scored), [
        this.realScored,
        codec.conditionWidth,
      ]),
    };
    this.nearest = new NearestRowFinder(
      this.encodedReal(Int32Array.from({ length: rows.count }, (_, i) => i)),
      this.dim,
    );
    // The scale is the model's nature, not the moment's: ask once, on one row.
    const one = {
      features: tf.slice(this.device.realFeatures, [0, 0], [1, -1]) as tf.Tensor2D,
      conditions: tf.slice(this.device.realConditions, [0, 0], [1, -1]) as tf.Tensor2D,
    };
    const probe = score(one.features, one.conditions);
    this.scale = probe.scale;
    tf.dispose([one.features, one.conditions, probe.scores]);
  }

  get realRows(): number {
    return this.realScored;
  }

  /**
   * Where rows of the encoded table are among a map's real points: each distinct row's index into
   * `DiscriminatorMap.real` (the first real rows of the seeded order), ascending; rows not drawn are left out.
   */
  mapPlaces(rows: Int32Array): number[] {
    const shown = Math.min(MAP_POINTS, this.realScored);
    const places = new Set<number>();
    for (const row of rows) {
      const place = this.placeInOrder[row];
      if (place !== undefined && place < shown) places.add(place);
    }
    return [...places].sort((a, b) => a - b);
  }

  list(): SnapshotInfo[] {
    return this.snapshots.map(({ id, step }) => ({ id, step }));
  }

  /** Resolves when every snapshot begun so far is kept (or failed). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  setInterval(steps: number, currentStep: number): void {
    this.everySteps = steps;
    this.nextSnapshotAt = currentStep + steps;
  }

  /**
   * Called by the training loop after each chunk: takes a snapshot when one is due, or at the end.
   * The snapshot's work is queued at once (so it sees this step's model) and read back while training
   * goes on: the loop need not wait for it (the promise is for tests).
   */
  maybeSnapshot(step: number, final = false): Promise<void> {
    if (step < this.nextSnapshotAt && !final) return Promise.resolve();
    this.nextSnapshotAt = step + this.everySteps;
    const taking = this.snapshot(step);
    this.inFlight.add(taking);
    void taking.finally(() => this.inFlight.delete(taking)).catch(() => {});
    return taking.then(
      () => {},
      (error: unknown) => console.warn(`The verdict snapshot at step ${step} failed:`, error),
    );
  }

  /**
   * After a step by hand (Step, Step D, Step G, slow motion): a snapshot, so the live views follow each
   * step (the run's own come every `everySteps`). It replaces the previous one by hand while that is
   * still the latest, so stepping by hand never fills the list or thins the run's snapshots.
   */
  stepSnapshot(step: number): Promise<void> {
    const taking = this.snapshot(step, true);
    this.inFlight.add(taking);
    void taking.finally(() => this.inFlight.delete(taking)).catch(() => {});
    return taking.then(
      () => {},
      (error: unknown) => console.warn(`The snapshot after step ${step} failed:`, error),
    );
  }

  /** Scores the fixed batch and the real sample with the current discriminator. */
  async snapshot(step: number, byHand = false): Promise<SnapshotInfo> {
    const existing = this.snapshots.find((s) => s.step === step);
    if (existing) {
      // Asked for again (Take snapshot): it stays, whatever comes next.
      if (!byHand) existing.byHand = false;
      return { id: existing.id, step };
    }
    const id = ++this.snapshotCounter;
    const plane = this.mapPlane();
    const generated = generateBatch(this.model, this.batch, this.device.batchConditions);
    const fake = this.score(generated, this.device.batchConditions);
    const real = this.score(this.device.realFeatures, this.device.realConditions);
    const grid = this.score(plane.grid.features, plane.grid.conditions);
    try {
      const [features, fakeScores, realScores, gridScores] = await Promise.all([
        generated.data() as Promise<Float32Array>,
        fake.scores.data() as Promise<Float32Array>,
        real.scores.data() as Promise<Float32Array>,
        grid.scores.data() as Promise<Float32Array>,
      ]);
      const snapshot: Snapshot = {
        id,
        step,
        features,
        ...this.calibrate(fake.scale, fakeScores, realScores),
        gridScores: fake.scale === 'critic' ? rankAmongReal(gridScores, realScores) : gridScores,
        byHand,
      };
      if (!this.disposed) this.keep(snapshot);
      return { id, step };
    } finally {
      tf.dispose([generated, fake.scores, real.scores, grid.scores]);
    }
  }

  /** The latest snapshot kept, once those in flight are in; null before the first. */
  async latest(): Promise<SnapshotInfo | null> {
    await this.settled();
    const last = this.snapshots.at(-1);
    return last ? { id: last.id, step: last.step } : null;
  }

  /** A kept snapshot's fixed batch as table cells (the codec's `outputColumns`), not to be changed; null when gone. */
  decodedBatch(snapshotId: number): Cell[][] | null {
    if (this.decoded?.id === snapshotId) return this.decoded.cells;
    const snapshot = this.snapshots.find((s) => s.id === snapshotId);
    if (!snapshot) return null;
    // The live views and the rows behind a bar read the same snapshot in turn: decoded once.
    this.decoded = { id: snapshotId, cells: this.codec.decodeRows(snapshot.features, this.batch.conditions) };
    return this.decoded.cells;
  }

  /**
   * A kept snapshot's fixed batch as the generator wrote it (activated features, row-major) with the
   * conditions it was asked for; null when it is gone. The model ideas read the encoding itself.
   */
  encodedBatch(snapshotId: number): { features: Float32Array; conditions: Float32Array } | null {
    const snapshot = this.snapshots.find((s) => s.id === snapshotId);
    return snapshot ? { features: snapshot.features, conditions: this.batch.conditions } : null;
  }

  /**
   * The discriminator's view of one snapshot on the fixed plane: real rows and the fixed batch's first
   * rows (the same ones every snapshot, so they glide), and its score over the plane.
   */
  map(snapshotId: number): DiscriminatorMap | null {
    const snapshot = this.snapshots.find((s) => s.id === snapshotId);
    const plane = this.plane;
    if (!snapshot || !plane) return null;
    const { featureWidth } = this.codec;
    const realCount = Math.min(MAP_POINTS, this.realScored);
    const generatedCount = Math.min(MAP_POINTS, BATCH_SIZE);
    const realRows = this.realOrder.subarray(0, realCount);
    return {
      snapshot: { id: snapshot.id, step: snapshot.step },
      scale: this.scale,
      explained: [...plane.projection.explained],
      extent: plane.extent,
      gridSize: GRID,
      gridScores: snapshot.gridScores,
      real: project(plane.projection, gatherRows(this.rows.features, featureWidth, realRows)),
      realScores: snapshot.realScores.slice(0, realCount),
      generated: project(plane.projection, snapshot.features.subarray(0, generatedCount * featureWidth)),
      generatedScores: snapshot.batchScores.slice(0, generatedCount),
    };
  }

  /**
   * One point of a snapshot's map as a row: its cells and the discriminator's score; null when the
   * snapshot is gone or there is no such point.
   */
  mapRow(point: MapPoint): MapRow | null {
    const snapshot = this.snapshots.find((s) => s.id === point.snapshotId);
    const { index, kind } = point;
    const count = kind === 'real' ? Math.min(MAP_POINTS, this.realScored) : Math.min(MAP_POINTS, BATCH_SIZE);
    if (!snapshot || !Number.isInteger(index) || index < 0 || index >= count) return null;
    const { featureWidth, conditionWidth } = this.codec;
    const cells =
      kind === 'real'
        ? this.decodeReal(this.realOrder.subarray(index, index + 1))[0]!
        : this.codec.decodeRows(
            snapshot.features.subarray(index * featureWidth, (index + 1) * featureWidth),
            this.batch.conditions.subarray(index * conditionWidth, (index + 1) * conditionWidth),
          )[0]!;
    const score = (kind === 'real' ? snapshot.realScores : snapshot.batchScores)[index]!;
    return { ...point, step: snapshot.step, columns: this.codec.outputColumns, cells, score };
  }

  /** Real, fooled and rejected points of one snapshot, ready for a t-SNE map. */
  async sample(request: VerdictRequest): Promise<Result<VerdictSample>> {
    const problem = requestProblem(request);
    if (problem) return fail(problem);
    const snapshot = this.snapshots.find((s) => s.id === request.snapshotId);
    if (!snapshot)
      return fail('That snapshot is gone (snapshots are thinned as training goes on). Pick another.');
    const { featureWidth, conditionWidth } = this.codec;
    const { fooled, rejected } = splitVerdicts(snapshot.batchScores, request.threshold);
    const chosen = [...fooled.slice(0, request.fooledCount), ...rejected.slice(0, request.rejectedCount)];
    const realCount = Math.min(request.realCount, this.realScored);
    const realRows = this.realOrder.subarray(0, realCount);

    const generated = Int32Array.from(chosen);
    const generatedFeatures = gatherRows(snapshot.features, featureWidth, generated);
    const generatedConditions = gatherRows(this.batch.conditions, conditionWidth, generated);
    const generatedEncoded = interleave(generatedFeatures, featureWidth, generatedConditions, conditionWidth);
    const realEncoded = this.encodedReal(realRows);
    const encoded = new Float32Array(realEncoded.length + generatedEncoded.length);
    encoded.set(realEncoded);
    encoded.set(generatedEncoded, realEncoded.length);

    const found = await this.nearest.find(generatedEncoded);
    const nearestCells = this.decodeReal(found.index);
    const nearest: (NearestReal | null)[] = [
      ...Array.from({ length: realCount }, () => null),
      ...Array.from(found.index, (row, i) => {
        const place = this.placeInOrder[row]!;
        return {
          distance: found.distance[i]!,
          cells: nearestCells[i]!,
          onMap: place < realCount ? place : -1,
        };
      }),
    ];
    const fooledShown = Math.min(fooled.length, request.fooledCount);
    return ok({
      snapshot: { id: snapshot.id, step: snapshot.step },
      threshold: request.threshold,
      scale: this.scale,
      columns: this.codec.outputColumns,
      dim: this.dim,
      roles: [
        ...Array.from({ length: realCount }, () => 'real' as const),
        ...chosen.map((_, i) => (i < fooledShown ? ('fooled' as const) : ('rejected' as const))),
      ],
      ids: Int32Array.from([...realRows, ...chosen]),
      encoded,
      cells: [...this.decodeReal(realRows), ...this.codec.decodeRows(generatedFeatures, generatedConditions)],
      scores: Float32Array.from([
        ...snapshot.realScores.subarray(0, realCount),
        ...chosen.map((i) => snapshot.batchScores[i]!),
      ]),
      nearest,
      batchFooled: fooled.length,
      batchSize: BATCH_SIZE,
    });
  }

  /** Generates `count` fresh rows and scores them, with each one's distance to the nearest real row. */
  async passCount(count: number, step: number): Promise<Result<PassCount>> {
    if (!Number.isInteger(count) || count < 1 || count > MAX_PASS_COUNT) {
      return fail(
        `The number of rows to count must be a whole number from 1 to ${MAX_PASS_COUNT.toLocaleString('en')}.`,
      );
    }
    const { featureWidth, conditionWidth } = this.codec;
    const conditionsHost = conditionsOfRandomRows(this.rows, conditionWidth, count, this.countRng);
    const conditions = tf.tensor2d(conditionsHost, [count, conditionWidth]);
    const generated = this.model.generate(conditions, this.countRng);
    const fake = this.score(generated, conditions);
    const real =
      fake.scale === 'critic' ? this.score(this.device.realFeatures, this.device.realConditions) : null;
    try {
      const [features, fakeScores, realScores] = await Promise.all([
        generated.data() as Promise<Float32Array>,
        fake.scores.data() as Promise<Float32Array>,
        real ? (real.scores.data() as Promise<Float32Array>) : Promise.resolve(new Float32Array(0)),
      ]);
      const scores = fake.scale === 'critic' ? rankAmongReal(fakeScores, realScores) : fakeScores;
      const found = await this.nearest.find(
        interleave(features, featureWidth, conditionsHost, conditionWidth),
      );
      return ok({
        step,
        scale: fake.scale,
        columns: this.codec.outputColumns,
        cells: this.codec.decodeRows(features, conditionsHost),
        scores,
        nearestDistances: found.distance,
        realRows: this.rows.count,
      });
    } finally {
      tf.dispose([conditions, generated, fake.scores, ...(real ? [real.scores] : [])]);
    }
  }

  dispose(): void {
    this.disposed = true;
    tf.dispose([this.device.batchConditions, this.device.realFeatures, this.device.realConditions]);
    if (this.plane) tf.dispose([this.plane.grid.features, this.plane.grid.conditions]);
    this.nearest.dispose();
    this.snapshots = [];
    this.decoded = null;
  }

  /**
   * The map's plane, made at the first snapshot: the projection of the scored real rows' features, the
   * extent they span, and the lattice's rows, each given the real rows' mean condition (a mix of the
   * classes in their proportions: the map shows the discriminator's view of a row of any class).
   */
  private mapPlane(): MapPlane {
    if (this.plane) return this.plane;
    const { featureWidth, conditionWidth } = this.codec;
    const scored = this.realOrder.subarray(0, this.realScored);
    const features = gatherRows(this.rows.features, featureWidth, scored);
    const conditions = gatherRows(this.rows.conditions, conditionWidth, scored);
    const projection = fitProjection(features, featureWidth);
    const points = project(projection, features);
    const extent = spanOf(points);
    const lattice = new Float32Array(GRID * GRID * 2);
    for (let row = 0; row < GRID; row++)
      for (let column = 0; column < GRID; column++) {
        const at = 2 * (row * GRID + column);
        lattice[at] = extent.x0 + ((column + 0.5) / GRID) * (extent.x1 - extent.x0);
        lattice[at + 1] = extent.y1 - ((row + 0.5) / GRID) * (extent.y1 - extent.y0);
      }
    const meanCondition = new Float32Array(conditionWidth);
    const count = conditions.length / Math.max(1, conditionWidth);
    for (let r = 0; r < count; r++)
      for (let j = 0; j < conditionWidth; j++)
        meanCondition[j]! += conditions[r * conditionWidth + j]! / count;
    const gridConditions = new Float32Array(GRID * GRID * conditionWidth);
    for (let p = 0; p < GRID * GRID; p++) gridConditions.set(meanCondition, p * conditionWidth);
    this.plane = {
      projection,
      extent,
      grid: {
        features: tf.tensor2d(unproject(projection, lattice), [GRID * GRID, featureWidth]),
        conditions: tf.tensor2d(gridConditions, [GRID * GRID, conditionWidth]),
      },
    };
    return this.plane;
  }

  private calibrate(
    scale: ScoreScale,
    fakeScores: Float32Array,
    realScores: Float32Array,
  ): { batchScores: Float32Array; realScores: Float32Array } {
    if (scale === 'probability') return { batchScores: fakeScores, realScores };
    return {
      batchScores: rankAmongReal(fakeScores, realScores),
      realScores: rankAmongReal(realScores, realScores),
    };
  }

  /** Keeps snapshots in step order; past MAX_SNAPSHOTS thins them so early and late moments both stay. */
  private keep(snapshot: Snapshot): void {
    const latest = this.snapshots.at(-1);
    if (snapshot.byHand && latest?.byHand && latest.step < snapshot.step) this.snapshots.pop();
    this.snapshots.push(snapshot);
    this.snapshots.sort((a, b) => a.step - b.step);
    if (this.snapshots.length <= MAX_SNAPSHOTS) return;
    const last = this.snapshots.at(-1)!;
    this.snapshots = this.snapshots.filter((s, i) => i % 2 === 0 || s === last);
    this.everySteps *= 2;
  }

  private encodedReal(rowIndices: Int32Array): Float32Array {
    const { featureWidth, conditionWidth } = this.codec;
    return interleave(
      gatherRows(this.rows.features, featureWidth, rowIndices),
      featureWidth,
      gatherRows(this.rows.conditions, conditionWidth, rowIndices),
      conditionWidth,
    );
  }

  private decodeReal(rowIndices: Int32Array): Cell[][] {
    const { featureWidth, conditionWidth } = this.codec;
    return this.codec.decodeRows(
      gatherRows(this.rows.features, featureWidth, rowIndices),
      gatherRows(this.rows.conditions, conditionWidth, rowIndices),
    );
  }
}

/**
 * The fixed batch of the verdict lab built with `seed`: the run's health checks read the same rows
 * (its own stream, the first drawn from the seed, apart from the lab's other streams).
 */
export function verdictBatch(rows: EncodedRows, conditionWidth: number, seed: number): FixedBatch {
  return fixedBatch(rows, conditionWidth, createRng(seed).seed());
}

/** A verdict lab for the run's model, or null when the model has no discriminator to ask. */
export function createVerdictLab(
  model: TrainableModel,
  codec: TableCodec,
  rows: EncodedRows,
  seed: number,
): VerdictLab | null {
  const discriminate = model.discriminate?.bind(model);
  return discriminate ? new VerdictLab(model, discriminate, codec, rows, seed) : null;
}

function requestProblem(r: VerdictRequest): string | null {
  const counts = [
    ['real rows', r.realCount, 1],
    ['fooled rows', r.fooledCount, 0],
    ['rejected rows', r.rejectedCount, 0],
  ] as const;
  for (const [label, value, min] of counts) {
    if (!Number.isInteger(value) || value < min)
      return `The number of ${label} must be a whole number of at least ${min}.`;
  }
  if (r.realCount + r.fooledCount + r.rejectedCount > MAX_MAP_POINTS) {
    return `A map holds at most ${MAX_MAP_POINTS.toLocaleString('en')} points in all: ask for fewer rows.`;
  }
  if (!(r.threshold >= 0 && r.threshold <= 1)) return 'The threshold must be a number from 0 to 1.';
  return null;
}

/** The box around the points (x then y per point), widened by MAP_MARGIN on every side. */
function spanOf(points: Float32Array): MapPlane['extent'] {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < points.length; i += 2) {
    x0 = Math.min(x0, points[i]!);
    x1 = Math.max(x1, points[i]!);
    y0 = Math.min(y0, points[i + 1]!);
    y1 = Math.max(y1, points[i + 1]!);
  }
  const dx = Math.max(x1 - x0, 1e-6) * MAP_MARGIN;
  const dy = Math.max(y1 - y0, 1e-6) * MAP_MARGIN;
  return { x0: x0 - dx, x1: x1 + dx, y0: y0 - dy, y1: y1 + dy };
}

function gatherRows(data: Float32Array, width: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * width);
  for (let i = 0; i < rows.length; i++)
    out.set(data.subarray(rows[i]! * width, (rows[i]! + 1) * width), i * width);
  return out;
}

/** Row-wise concatenation a ‖ b of two row-major matrices with the same number of rows. */
function interleave(a: Float32Array, aWidth: number, b: Float32Array, bWidth: number): Float32Array {
  const count = aWidth > 0 ? a.length / aWidth : b.length / bWidth;
  const width = aWidth + bWidth;
  const out = new Float32Array(count * width);
  for (let i = 0; i < count; i++) {
    out.set(a.subarray(i * aWidth, (i + 1) * aWidth), i * width);
    out.set(b.subarray(i * bWidth, (i + 1) * bWidth), i * width + aWidth);
  }
  return out;
}
