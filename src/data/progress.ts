/** Calls `onProgress` each time another 2% of the text is read, so big files report about 50 times. */
export function progressReporter(
  total: number,
  onProgress?: (fraction: number) => void,
): (at: number) => void {
  if (!onProgress || total === 0) return () => {};
  const step = total / 50;
  let next = step;
  return (at) => {
    if (at < next) return;
    onProgress(Math.min(at / total, 1));
    next = (Math.floor(at / step) + 1) * step;
  };
}
