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

/**
 * The size of the element `ref` is put on, in CSS pixels, following its resizes (`initial` until its
 * first layout): an SVG drawn at the size its box has, so its text keeps its size (the loss curves).
 */
export function useElementSize<T extends HTMLElement>(
  initialWidth: number,
  initialHeight: number,
): [RefObject<T | null>, { width: number; height: number }] {
  const ref = useRef<T>(null);
  const [size, setSize] = useState({ width: initialWidth, height: initialHeight });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      // A box not laid out (hidden) keeps the last size rather than a zero one.
      if (width > 0 && height > 0) setSize({ width: Math.round(width), height: Math.round(height) });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}
