let query: MediaQueryList | undefined;

/**
 * Whether the user asked for less motion: the views then jump to each snapshot instead of gliding.
 * One media query, kept: each bar of the column views asks at every snapshot.
 */
export const reducedMotion = (): boolean =>
  (query ??= window.matchMedia('(prefers-reduced-motion: reduce)')).matches;
