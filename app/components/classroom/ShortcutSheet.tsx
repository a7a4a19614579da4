import { memo, useEffect, useRef, useState } from 'react';
import { SHORTCUTS, useShortcuts } from '../../shortcuts';

/** The keyboard shortcuts, on "?" or its button; Esc closes it. */
export const ShortcutSheet = memo(function ShortcutSheet() {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useShortcuts({ '?': () => setOpen((was) => !was) });
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <>
      <button
        type="button"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => setOpen(true)}
      >
        ?
      </button>
      <dialog
        ref={dialog}
        aria-label="Keyboard shortcuts"
        className="shortcut-sheet"
        onClose={() => setOpen(false)}
      >
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map(({ key, label, does }) => (
              <tr key={key}>
                <th scope="row">
                  <kbd>{label}</kbd>
                </th>
                <td>{does}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">Not while typing in a field.</p>
        <button type="button" onClick={() => setOpen(false)}>
          Close
        </button>
      </dialog>
    </>
  );
});
