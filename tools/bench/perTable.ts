/**
 * What the benchmarks on the reference tables (../shared/data, read there, never copied) share: where
 * the tables are, reading `--name value` options, one child process per table, and the last step's
 * series of a chunk for the progress lines.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { Chunk } from '../../src/train/run';

export const DATA = resolve(import.meta.dirname, '../../../shared/data');

/** The value after `--name` on the command line, if given. */
export function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

/**
 * Runs this benchmark once per table, each in its own process and all at once (the engine is
 * single-threaded, as in the browser, so the two cores of the reference machine each train one table),
 * with `--table <name>` added to its arguments. Each child's output is printed whole when it is done.
 */
export async function runPerTable(tables: readonly string[]): Promise<void> {
  await Promise.all(tables.map((table) => runChild([...process.argv.slice(2), '--table', table])));
}

function runChild(args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      process.stdout.write(output);
      if (code === 0) resolvePromise();
      else reject(new Error(`the ${args.at(-1)} benchmark exited with ${code}`));
    });
  });
}

/**
 * The last step's series of a chunk, e.g. "0.892 / – / 1.273" ('–' for a series the step did not
 * update), or '' for an empty chunk.
 */
export function lastSeries({ losses }: Chunk): string {
  return (
    losses
      .at(-1)
      ?.values.map((v) => v?.toFixed(3) ?? '–')
      .join(' / ') ?? ''
  );
}
