import { fail, ok, type Result } from '../data/table';
import type { RunIdeas } from '../eval/live/ideas/runIdeas';
import type { VerdictLab } from '../eval/verdicts/verdictLab';
import type { IdeaKind, ModelIdea } from './ideaProtocol';

/** What the ideas need of the session's current run. */
export interface IdeaSessionRun {
  ideas: RunIdeas;
  lab: VerdictLab | null;
  modelLabel: string;
}

/** The `ideaKinds` request: none without a run, or for a model without a fixed batch to show them on. */
export function ideaKinds(current: IdeaSessionRun | null): IdeaKind[] {
  return current?.lab ? [...current.ideas.kinds] : [];
}

/**
 * The `modelIdea` request, answered for the latest snapshot unless the page has it: computed only when
 * asked, so a page that does not look at an idea costs training nothing.
 */
export async function modelIdea(
  current: IdeaSessionRun | null,
  kind: IdeaKind,
  knownSnapshotId: number | null,
): Promise<Result<ModelIdea | null>> {
  if (!current) return fail('There is no model yet: press Train or Step first.');
  const { lab, ideas } = current;
  if (!lab || !ideas.kinds.includes(kind))
    return fail(`The ${current.modelLabel} model has no ${kind} view.`);
  const latest = await lab.latest();
  if (!latest || latest.id === knownSnapshotId) return ok(null);
  const batch = lab.encodedBatch(latest.id);
  if (!batch) return ok(null);
  return ok(await ideas.idea(kind, latest, batch));
}
