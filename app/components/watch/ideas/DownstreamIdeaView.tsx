import { memo } from 'react';
import type { DownstreamIdea } from '../../../../src/api';
import { GENERATED_COLOUR, REAL_COLOUR } from '../ColumnViews';

/**
 * DSF-GAN's idea: a downstream model, fitted on the real rows, reads each generated row; the generator
 * is pushed (weight λ) to write rows it reads as the class they were asked for. Per class: how often it
 * does on the fixed batch, beside how often it reads real rows right (what it can do at all).
 */
export const DownstreamIdeaView = memo(function DownstreamIdeaView({ idea }: { idea: DownstreamIdea }) {
  const step = idea.snapshot.step.toLocaleString('en');
  if (idea.task === 'regression' || !idea.classes.length) {
    const error = idea.error ?? { generated: 0, real: 0 };
    return (
      <figure
        className="downstream-idea"
        aria-label="The downstream model's decisions"
        data-step={idea.snapshot.step}
      >
        <p className="watch-caption">
          λ = {idea.lambda} · step {step}: the downstream model predicts {idea.target} from the rest of a row.
        </p>
        <p>
          Its error against the value asked for: {error.generated.toFixed(2)} standard deviations on generated
          rows, {error.real.toFixed(2)} on real rows.
        </p>
      </figure>
    );
  }
  const asked = idea.classes.reduce((s, c) => s + c.asked, 0);
  const agreed = idea.classes.reduce((s, c) => s + c.agreed, 0);
  return (
    <figure
      className="downstream-idea"
      aria-label="The downstream model's decisions"
      data-step={idea.snapshot.step}
    >
      <p className="watch-caption">
        <strong>λ = {idea.lambda}</strong> · step {step}: a downstream model fitted on the real rows reads
        each generated row&apos;s {idea.target}; it agrees with the class asked for on{' '}
        {percent(agreed / Math.max(1, asked))} of {asked.toLocaleString('en')} rows.
      </p>
      <table className="downstream-classes">
        <thead>
          <tr>
            <th scope="col">{idea.target} asked for</th>
            <th scope="col">
              <span className="key" style={{ background: GENERATED_COLOUR }} aria-hidden="true" /> generated
              rows read as it
            </th>
            <th scope="col">
              <span className="key" style={{ background: REAL_COLOUR }} aria-hidden="true" /> real rows read
              right
            </th>
          </tr>
        </thead>
        <tbody>
          {idea.classes.map((c) => {
            const generated = c.asked > 0 ? c.agreed / c.asked : 0;
            const real = c.realRows > 0 ? c.realAgreed / c.realRows : 0;
            return (
              <tr key={c.level} data-level={c.level} data-agreed={c.agreed} data-asked={c.asked}>
                <th scope="row">{c.level}</th>
                <td
                  title={`${c.agreed} of ${c.asked} generated rows asked for ${c.level} are read as ${c.level}`}
                >
                  <Share share={generated} colour={GENERATED_COLOUR} /> {percent(generated)}
                </td>
                <td title={`${c.realAgreed} of ${c.realRows} real ${c.level} rows are read as ${c.level}`}>
                  <Share share={real} colour={REAL_COLOUR} /> {percent(real)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </figure>
  );
});

function Share({ share, colour }: { share: number; colour: string }) {
  return (
    <span className="share-track" aria-hidden="true">
      <span className="share-fill" style={{ width: `${share * 100}%`, background: colour }} />
    </span>
  );
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
