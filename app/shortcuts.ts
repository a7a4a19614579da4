/*
 * The page's keyboard shortcuts, for a teacher at a projector: one table (the shortcut sheet lists it)
 * and one hook each part of the page uses for its own keys. No shortcut fires while the user types in
 * a field, nor with Ctrl, Alt or Meta (the browser's own shortcuts).
 */
import { useEffect, useLayoutEffect, useRef } from 'react';

export const SHORTCUTS = [
  { key: ' ', label: 'Space', does: 'Train, pause or resume' },
  { key: 's', label: 'S', does: 'One step: the discriminator, then the generator' },
  { key: 'd', label: 'D', does: 'Step the discriminator only' },
  { key: 'g', label: 'G', does: 'Step the generator only' },
  { key: 'r', label: 'R', does: 'Reset the run' },
  { key: 'ArrowLeft', label: '←', does: 'Previous snapshot (verdicts map)' },
  { key: 'ArrowRight', label: '→', does: 'Next snapshot (verdicts map)' },
  { key: 'f', label: 'F', does: 'Projector mode on or off' },
  { key: 'c', label: 'C', does: 'Compare two runs side by side, or end the comparison' },
  { key: '?', label: '?', does: 'This list of shortcuts' },
] as const;
export type ShortcutKey = (typeof SHORTCUTS)[number]['key'];

/** Calls the handler of each key pressed outside a text field; the newest handlers are used. */
export function useShortcuts(handlers: Partial<Record<ShortcutKey, () => void>>): void {
  const current = useRef(handlers);
  // Before the browser paints (and so before any key can follow what is on screen): a passive effect
  // could still be pending when ← is pressed on a snapshot just drawn, and the old handler would run.
  useLayoutEffect(() => {
    current.current = handlers;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) return;
      const key = (event.key.length === 1 ? event.key.toLowerCase() : event.key) as ShortcutKey;
      const handler = current.current[key];
      if (!handler) return;
      // Space would also click the focused button, and scroll the page.
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** A field where keys are text (or move a slider, or pick an option): shortcuts stay out of it. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)
  );
}
