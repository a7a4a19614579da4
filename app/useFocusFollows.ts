import { useEffect, useRef } from 'react';

/**
 * Keeps keyboard focus in a row of controls whose buttons enable and disable each other: when the
 * button last focused in the row is disabled by its own action (Train disables Train and enables
 * Pause), focus moves to the row's element marked `data-focus={next}` instead of falling to the page,
 * so the next key press can follow. `key` is what changes when the buttons do (the status). Returns
 * props for the row's element.
 */
export function useFocusFollows(key: string, next: string) {
  const row = useRef<HTMLDivElement>(null);
  const lastFocused = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const last = lastFocused.current;
    if (!last || !row.current?.contains(last) || !(last as HTMLButtonElement).disabled) return;
    const active = document.activeElement;
    // Only when focus is lost (on the page or the disabled button), never when the user went elsewhere.
    if (active !== null && active !== document.body && active !== last) return;
    row.current.querySelector<HTMLElement>(`[data-focus="${next}"]`)?.focus();
    // `next` is read when `key` changes; it is no reason to move focus by itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return {
    ref: row,
    onFocus: (event: React.FocusEvent) => {
      lastFocused.current = event.target as HTMLElement;
    },
  };
}
