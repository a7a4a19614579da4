import * as Comlink from 'comlink';
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { type EvaluationReport, moved, type ReportProgress } from '../../../src/api';
import type { Engine } from '../../engineClient';
import { startReportWorker } from '../../reportClient';

export type ReportState =
  | { status: 'empty' }
  | { status: 'running'; progress: ReportProgress }
  | { status: 'done'; report: EvaluationReport; runId: number }
  | { status: 'failed'; error: string };

/**
 * Runs an evaluation: the training worker hands over real and fresh synthetic rows, the report worker
 * (spawned on first use) computes the report and reports progress on the way.
 */
export function useReport(engine: Engine | null, runId: number) {
  const [state, setState] = useState<ReportState>({ status: 'empty' });
  const worker = useRef<ReturnType<typeof startReportWorker> | null>(null);

  useEffect(() => () => worker.current?.stop(), []);

  const evaluate = useCallback(async () => {
    if (!engine) return;
    setState({ status: 'running', progress: { fraction: 0, stage: 'Generating synthetic rows' } });
    const data = await engine.evaluationData();
    if (!data.ok) {
      setState({ status: 'failed', error: data.error });
      return;
    }
    worker.current ??= startReportWorker((message) => {
      worker.current?.stop();
      worker.current = null;
      setState({ status: 'failed', error: `The report worker failed: ${message}.` });
    });
    const onProgress = (progress: ReportProgress) =>
      setState((s) => (s.status === 'running' ? { status: 'running', progress } : s));
    try {
      const result = await worker.current.api.evaluate(moved(data.value), Comlink.proxy(onProgress));
      // A transition: React builds the report's many tables and plots in slices that yield to the
      // page, instead of one long task while training is drawing.
      startTransition(() =>
        setState(
          result.ok
            ? { status: 'done', report: result.value, runId }
            : { status: 'failed', error: result.error },
        ),
      );
    } catch (error) {
      setState({ status: 'failed', error: `The report could not be computed: ${String(error)}` });
    }
  }, [engine, runId]);

  return { state, evaluate };
}
