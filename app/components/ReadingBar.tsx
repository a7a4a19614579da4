import { useSyncExternalStore } from 'react';
import { readingProgress } from '../readingProgress';

/** The file's progress bar: it alone redraws on each tick of the read (app/readingProgress.ts). */
export function ReadingBar({ name }: { name: string }) {
  const fraction = useSyncExternalStore(readingProgress.subscribe, () => readingProgress.fractionOf(name));
  return <progress aria-label="Reading file" value={fraction} max={1} />;
}

/** "Reading <file>" and its bar, wherever the page shows that a file is being read. */
export function ReadingLine({ name }: { name: string }) {
  return (
    <span className="reading">
      Reading {name}
      <ReadingBar name={name} />
    </span>
  );
}
