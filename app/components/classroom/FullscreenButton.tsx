import type { RefObject } from 'react';

/** Shows one part of the page (the map, the charts) on the whole screen; Esc returns. */
export function FullscreenButton({ target, name }: { target: RefObject<HTMLElement | null>; name: string }) {
  return (
    <button
      type="button"
      className="fullscreen-button"
      aria-label={`Show ${name} full screen`}
      title="Full screen (Esc returns)"
      onClick={() => void target.current?.requestFullscreen?.().catch(() => undefined)}
    >
      Full screen
    </button>
  );
}
