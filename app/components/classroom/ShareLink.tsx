import { memo, useState } from 'react';
import './classroom.css';
import type { TrainingSettings } from '../../../src/api';
import { linkHash, SECTIONS, type Section } from '../../runLink';

interface Props {
  /** The loaded table's name: a demo table opens from the link, another is named for the user to load. */
  table: string | null;
  settings: TrainingSettings;
  hidden: readonly Section[];
  onHidden: (sections: Section[]) => void;
  /** The lesson page open, if any: the link opens it too. */
  lesson: { id: string; page: number } | null;
}

/**
 * "Copy link": this run's table, model, every setting and seed, and the parts hidden for a class, in the
 * address bar and on the clipboard. Opening the link sets the same run.
 */
export const ShareLink = memo(function ShareLink({ table, settings, hidden, onHidden, lesson }: Props) {
  const [said, setSaid] = useState('');
  const copy = async () => {
    const hash = linkHash({ table, settings, hide: hidden, lesson });
    window.history.replaceState(null, '', hash);
    try {
      await navigator.clipboard.writeText(window.location.href);
      setSaid('Link copied');
    } catch {
      // A browser may refuse the clipboard (no permission): the address bar holds the link.
      setSaid('The link is in the address bar');
    }
  };
  const toggle = (section: Section, shown: boolean) =>
    onHidden(shown ? hidden.filter((s) => s !== section) : [...hidden, section].sort(bySectionOrder));
  return (
    <div className="share-link">
      <button type="button" className="nowrap" onClick={() => void copy()}>
        Copy link
      </button>
      <span role="status" aria-label="Link" className="hint">
        {said}
      </span>
      <details>
        <summary>Parts</summary>
        <fieldset>
          <legend>Shown on this page and in the link (hide some for a class)</legend>
          {(Object.keys(SECTIONS) as Section[]).map((section) => (
            <label key={section}>
              <input
                type="checkbox"
                checked={!hidden.includes(section)}
                onChange={(e) => toggle(section, e.target.checked)}
              />
              {SECTIONS[section]}
            </label>
          ))}
        </fieldset>
      </details>
    </div>
  );
});

const ORDER = Object.keys(SECTIONS);
const bySectionOrder = (a: Section, b: Section) => ORDER.indexOf(a) - ORDER.indexOf(b);
