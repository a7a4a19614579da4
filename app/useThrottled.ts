import { useEffect, useRef, useState } from 'react';

/**
 * `value`, passed on at most once per `intervalMs`: the first change at once, later ones at the end of
 * the interval (the latest wins). A chart that redraws 10 times a second while training kept the main
 * thread busy for most of each second on two cores; a few times a second still reads as live.
 */
export function useThrottled<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const lastShownAt = useRef(0);
  useEffect(() => {
    const wait = lastShownAt.current + intervalMs - performance.now();
    const show = () => {
      lastShownAt.current = performance.now();
      setShown(() => value);
    };
    if (wait <= 0) {
      show();
      return;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, intervalMs]);
  return shown;
}
