import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * The width of the element `ref` is put on, in whole CSS pixels (at least `min`), following its
 * resizes: a canvas drawn to the width its box has (the maps).
 */
export function useElementWidth<T extends HTMLElement>(
  initial: number,
  min = 200,
): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(min, Math.floor(entry.contentRect.width)));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [min]);
  return [ref, width];
}
