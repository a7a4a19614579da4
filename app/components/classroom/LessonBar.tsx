import { PRESETS, type Preset } from '../../../src/api';
import { LESSONS, type Lesson } from '../../lessons';

/** What the class is following: a lesson at one of its pages, or a preset. */
export type Guide =
  | { kind: 'lesson'; lesson: Lesson; page: number }
  | { kind: 'preset'; preset: Preset }
  | null;

/** The lesson and preset picker (in the header). */
export function GuidePicker({ guide, onChoose }: { guide: Guide; onChoose: (value: string) => void }) {
  const value =
    guide === null ? '' : guide.kind === 'lesson' ? `lesson:${guide.lesson.id}` : `preset:${guide.preset.id}`;
  return (
    <select
      className="guide-picker"
      aria-label="Lesson or preset"
      value={value}
      onChange={(e) => onChoose(e.target.value)}
    >
      <option value="">Lessons…</option>
      <optgroup label="Lessons">
        {LESSONS.map((l) => (
          <option key={l.id} value={`lesson:${l.id}`}>
            {l.title}
          </option>
        ))}
      </optgroup>
      <optgroup label="Presets">
        {PRESETS.map((p) => (
          <option key={p.id} value={`preset:${p.id}`}>
            {p.title}
          </option>
        ))}
      </optgroup>
    </select>
  );
}

/** The open lesson's page (what to watch, the question, previous and next, a dot per page), or the preset's note. */
export function LessonBar({
  guide,
  onPage,
  onClose,
}: {
  guide: Guide;
  onPage: (page: number) => void;
  onClose: () => void;
}) {
  if (!guide) return null;
  const close = (
    <button type="button" className="lesson-close" onClick={onClose}>
      Close
    </button>
  );
  if (guide.kind === 'preset') {
    const { preset } = guide;
    return (
      <section className="lesson-bar" aria-label="Preset">
        <h2>Preset: {preset.title}</h2>
        <p>{preset.about}</p>
        {preset.failure && (
          <p className="lesson-why">
            <strong>Fails on purpose.</strong> {preset.failure.why}
          </p>
        )}
        {close}
      </section>
    );
  }
  const { lesson, page } = guide;
  const current = lesson.pages[page]!;
  return (
    <section className="lesson-bar" aria-label="Lesson">
      <h2>
        {lesson.title}: {current.title}
      </h2>
      <p>
        <strong>Watch.</strong> {current.watch}
      </p>
      <p className="lesson-question">
        <strong>Question.</strong> {current.question}
      </p>
      <div className="lesson-nav">
        <button type="button" disabled={page === 0} onClick={() => onPage(page - 1)}>
          Previous
        </button>
        <ol className="lesson-dots" aria-label="Lesson pages">
          {lesson.pages.map((p, i) => (
            <li key={p.title}>
              <button
                type="button"
                aria-label={`Page ${i + 1} of ${lesson.pages.length}: ${p.title}`}
                aria-current={i === page ? 'step' : undefined}
                onClick={() => onPage(i)}
              />
            </li>
          ))}
        </ol>
        <button type="button" disabled={page === lesson.pages.length - 1} onClick={() => onPage(page + 1)}>
          Next
        </button>
        {close}
      </div>
    </section>
  );
}
