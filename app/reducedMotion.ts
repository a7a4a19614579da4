/** Whether the user asked for less motion: the views then jump to each snapshot instead of gliding. */
export const reducedMotion = (): boolean =>
  window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
