import type { IdeaKind, ModelIdea } from '../../../../src/api';
import { DownstreamIdeaView } from './DownstreamIdeaView';
import { ImageIdeaView } from './ImageIdeaView';
import { ModesIdeaView } from './ModesIdeaView';
import './ideas.css';

/** Each idea's tab: its label, and what it shows on hover. */
export const IDEA_TABS: Record<IdeaKind, { label: string; title: string }> = {
  image: { label: 'Images', title: "table-GAN's idea: each row as an image, real beside generated" },
  modes: { label: 'Modes', title: "CTGAN's idea: each number column as a mix of modes" },
  downstream: {
    label: 'Downstream',
    title: "DSF-GAN's idea: what its downstream model decides on generated rows",
  },
};

/** The watching screen's view of a model's idea, whichever it is. */
export function IdeaView({ idea }: { idea: ModelIdea }) {
  switch (idea.kind) {
    case 'image':
      return <ImageIdeaView idea={idea} />;
    case 'modes':
      return <ModesIdeaView idea={idea} />;
    case 'downstream':
      return <DownstreamIdeaView idea={idea} />;
  }
}
