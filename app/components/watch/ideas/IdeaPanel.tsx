import type { IdeaKind } from '../../../../src/api';
import type { Engine } from '../../../engineClient';
import { useSnapshotView } from '../useSnapshotView';
import { IDEA_TABS, IdeaView } from './IdeaView';

interface Props {
  engine: Engine | null;
  kind: IdeaKind;
  runId: number;
  status: string;
  moment: string;
}

/**
 * One idea of the model, following the snapshots as the other views do. Keyed by the idea (a fresh
 * one per kind), so switching ideas asks for the new one at once rather than waiting for a snapshot.
 */
export function IdeaPanel({ engine, kind, runId, status, moment }: Props) {
  const idea = useSnapshotView(engine, runId, status, moment, (e, known) => e.modelIdea(kind, known));
  if (idea?.kind === kind) return <IdeaView idea={idea} />;
  return (
    <p className="hint">
      {status === 'idle'
        ? `Press Train or Step: the model's ${IDEA_TABS[kind].label.toLowerCase()} appear here, updated at every snapshot.`
        : 'Waiting for the first snapshot…'}
    </p>
  );
}
