import { createContext, useEffect, useState } from 'react';
import type { Section } from '../../runLink';
import { useShortcuts } from '../../shortcuts';

/**
 * Projector mode: type of at least 24 px, high contrast, map points of at least 8 px, and only the
 * watching screen (the training controls and charts, the live views, the verdicts map). The styles hang
 * on the `projector` class of the root element (classroom.css); parts drawn on a canvas read the context.
 */
export const ProjectorContext = createContext(false);

/** What projector mode hides: everything but the watching screen. */
export const PROJECTOR_HIDES: readonly Section[] = ['forms', 'feedback', 'explorer', 'samples', 'report'];

export function useProjector(): { on: boolean; toggle: () => void } {
  const [on, setOn] = useState(false);
  useEffect(() => {
    document.documentElement.classList.toggle('projector', on);
  }, [on]);
  const toggle = () => setOn((was) => !was);
  useShortcuts({ f: toggle });
  return { on, toggle };
}

export function ProjectorButton({ on, toggle }: { on: boolean; toggle: () => void }) {
  return (
    <button type="button" aria-pressed={on} title="Projector mode (F)" onClick={toggle}>
      Projector
    </button>
  );
}
