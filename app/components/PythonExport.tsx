import { strToU8, zipSync } from 'fflate';
import { pythonProject, type TableView, type TrainingSettings } from '../../src/api';
import { downloadBlob } from '../download';

interface Props {
  table: TableView | null;
  settings: TrainingSettings;
}

/**
 * The way out when a table outgrows the tab: the run's table description and settings as a small
 * Python project (SDV's CTGANSynthesizer), zipped in the page. The table itself is not in the zip.
 */
export function PythonExport({ table, settings }: Props) {
  const save = () => {
    if (!table) return;
    const project = pythonProject({
      fileName: table.name,
      schema: { columns: table.columns, target: table.target },
      rowCount: table.rowCount,
      settings,
    });
    const files = Object.fromEntries(
      project.files.map((f) => [`${project.folder}/${f.path}`, strToU8(f.text)]),
    );
    downloadBlob(new Blob([zipSync(files)], { type: 'application/zip' }), `${project.folder}.zip`);
  };
  return (
    <div className="python-export">
      <button type="button" disabled={!table} onClick={save}>
        Python project (.zip)
      </button>
      <p className="hint">
        For a table that outgrows the tab: these settings as SDV&rsquo;s CTGAN, to train on a GPU or your own
        Ray cluster. Put {table ? table.name : 'the table'} beside train.py; its README says what maps and
        what does not.
      </p>
    </div>
  );
}
