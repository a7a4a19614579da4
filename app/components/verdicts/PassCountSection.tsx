import { useState } from 'react';
import type { PassCount } from '../../../src/api';
import { Field, NumberInput, ONE_NUMBER } from '../Field';
import { summarisePassCount } from './mapModel';
import { ScoreHistogram } from './ScoreHistogram';

interface Props {
  passCount: PassCount | null;
  threshold: number;
  busy: boolean;
  onCount: (rows: number) => void;
}

/** The course assignment's question: of N random generated rows, how many pass as real? */
export function PassCountSection({ passCount, threshold, busy, onCount }: Props) {
  const [rows, setRows] = useState(100);
  const summary = passCount ? summarisePassCount(passCount, threshold) : null;
  const distance = (d: number | null) => (d === null ? 'none' : d.toFixed(3));
  return (
    <div className="pass-count">
      <h3>Generate and count</h3>
      <div className="row">
        <Field label="Rows to count">
          {(id) => <NumberInput id={id} value={rows} {...ONE_NUMBER} onValue={setRows} />}
        </Field>
        <button type="button" className="primary" disabled={busy} onClick={() => onCount(rows)}>
          Generate {rows} and count
        </button>
      </div>
      {summary && passCount && (
        <>
          <p className="pass-result" role="status" aria-label="Pass count">
            <strong>
              {summary.passed} of {summary.total} passed
            </strong>{' '}
            at threshold {threshold} (step {passCount.step.toLocaleString('en')}).
          </p>
          <ScoreHistogram bins={summary.bins} threshold={threshold} />
          <p>
            Mean distance to the nearest real row, in encoded space (standardised numbers, one-hot categories
            and target; over all {passCount.realRows.toLocaleString('en')} training rows): fooled{' '}
            <strong>{distance(summary.meanDistance.fooled)}</strong> · rejected{' '}
            <strong>{distance(summary.meanDistance.rejected)}</strong>.
          </p>
        </>
      )}
    </div>
  );
}
