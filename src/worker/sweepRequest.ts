import { settingsProblems } from '../models/catalog';
import { LAMBDA_FIELD } from '../models/dsfgan/description';
import { fieldProblems } from '../models/plugin';
import type { PackedSweepTable, SweepRequest, SweepTable } from './sweepProtocol';

/* What a λ sweep accepts, checked on the page before it asks and in the worker before it trains. No tfjs. */

export const SWEEP_LIMITS = { lambdas: 12, steps: 20_000 } as const;

export function sweepProblems(request: Pick<SweepRequest, 'settings' | 'lambdas' | 'steps'>): string[] {
  const problems = settingsProblems(request.settings);
  const { lambdas, steps } = request;
  if (lambdas.length === 0) problems.push('Give at least one λ for the sweep, e.g. "0, 0.5, 1, 2".');
  if (lambdas.length > SWEEP_LIMITS.lambdas)
    problems.push(`A sweep takes at most ${SWEEP_LIMITS.lambdas} values of λ.`);
  const bad = lambdas.flatMap((lambda) => fieldProblems([LAMBDA_FIELD], { feedback: { lambda } }));
  if (bad[0]) problems.push(bad[0]);
  if (!Number.isInteger(steps) || steps < 1 || steps > SWEEP_LIMITS.steps)
    problems.push(
      `Steps per run must be a whole number from 1 to ${SWEEP_LIMITS.steps.toLocaleString('en')}.`,
    );
  return problems;
}

export function packSweepTable(table: SweepTable): PackedSweepTable {
  return { json: new TextEncoder().encode(JSON.stringify(table)) };
}

export function unpackSweepTable(packed: PackedSweepTable): SweepTable {
  return JSON.parse(new TextDecoder().decode(packed.json)) as SweepTable;
}
