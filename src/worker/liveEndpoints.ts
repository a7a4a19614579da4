import { fail, ok, type Result } from '../data/table';
import { LiveViews } from '../eval/live/liveViews';
import type { VerdictLab } from '../eval/verdicts/verdictLab';
import type { Run } from '../train/run';
import type { BarRows, BarRowsRequest, DiscriminatorMap, LiveView, MapPoint, MapRow } from './liveProtocol';

/** What the live views need of the session's current run; `views` is built at the first request. */
export interface LiveRun {
  run: Run;
  lab: VerdictLab | null;
  modelLabel: string;
  views: LiveViews | null;
}

/**
 * The `LiveApi` request, answered for the session's current run. The work (decoding the fixed batch,
 * binning, scoring) is done only when the page asks and only for a snapshot it has not seen, so a page
 * that does not watch costs training nothing.
 */
export async function liveView(
  current: LiveRun | null,
  knownSnapshotId: number | null,
): Promise<Result<LiveView | null>> {
  if (!current) return fail('There is no model yet: press Train or Step first.');
  const { lab } = current;
  if (!lab) return fail(`The ${current.modelLabel} model has no fixed batch of generated rows to show.`);
  const latest = await lab.latest();
  if (!latest || latest.id === knownSnapshotId) return ok(null);
  const cells = lab.decodedBatch(latest.id);
  if (!cells) return ok(null);
  return ok(viewsOf(current).view(latest, cells));
}

/** The run's live views, built at the first request that needs them. */
function viewsOf(current: LiveRun): LiveViews {
  const { run } = current;
  current.views ??= new LiveViews(run.training.schema, run.training.raw.rows, run.seeds.verdicts);
  return current.views;
}

/**
 * The `barRows` request: the rows behind one bar, the generated ones from the snapshot the page shows
 * (or the latest, when that one was thinned away meanwhile).
 */
export async function barRows(current: LiveRun | null, request: BarRowsRequest): Promise<Result<BarRows>> {
  if (!current) return fail('There is no model yet: press Train or Step first.');
  const { lab } = current;
  if (!lab) return fail(`The ${current.modelLabel} model has no fixed batch of generated rows to show.`);
  let snapshot = lab.list().find((s) => s.id === request.snapshotId) ?? (await lab.latest());
  let cells = snapshot && lab.decodedBatch(snapshot.id);
  if (!cells) {
    snapshot = await lab.latest();
    cells = snapshot && lab.decodedBatch(snapshot.id);
  }
  if (!snapshot || !cells) return fail('There is no snapshot yet: press Train or Step first.');
  return viewsOf(current).barRows(snapshot, cells, request.column, request.bin);
}

/** The `discriminatorMap` request: the latest snapshot's map, unless the page has it. */
export async function discriminatorMap(
  current: LiveRun | null,
  knownSnapshotId: number | null,
): Promise<Result<DiscriminatorMap | null>> {
  if (!current) return fail('There is no model yet: press Train or Step first.');
  const { lab } = current;
  if (!lab) return fail(`The ${current.modelLabel} model has no discriminator to map.`);
  const latest = await lab.latest();
  if (!latest || latest.id === knownSnapshotId) return ok(null);
  return ok(lab.map(latest.id));
}

/** The `mapRow` request: one map point's row and score. */
export async function mapRow(current: LiveRun | null, point: MapPoint): Promise<Result<MapRow>> {
  if (!current) return fail('There is no model yet: press Train or Step first.');
  const { lab } = current;
  if (!lab) return fail(`The ${current.modelLabel} model has no discriminator to map.`);
  await lab.settled();
  const row = lab.mapRow(point);
  return row ? ok(row) : fail('That snapshot is gone (snapshots are thinned as training goes on).');
}
