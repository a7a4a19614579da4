import { describe, expect, it } from 'vitest';
import { defaultSettings, settingsProblems, type TableView } from '../src/api';
import { trainReadiness } from './trainReadiness';

const tableWith = (trainingRows: number, problems: string[] = [], notes: string[] = []) =>
  ({ readiness: { trainingRows, heldOutRows: 0, problems, notes } }) as unknown as TableView;

describe('why Train cannot go, said beside it', () => {
  it('waits for the engine, then for a table', () => {
    const settings = defaultSettings('cgan');
    expect(trainReadiness(false, tableWith(100), settings).blockers).toEqual(['The engine is starting.']);
    expect(trainReadiness(true, null, settings).blockers).toEqual(['Load a table to train on.']);
  });

  it("lists the table's problems and every setting out of range, and goes when there are none", () => {
    const settings = { ...defaultSettings('cgan'), batchSize: 0 };
    const { blockers } = trainReadiness(true, tableWith(3, ['tiny.csv has 3 training rows.']), settings);
    expect(blockers).toEqual(['tiny.csv has 3 training rows.', ...settingsProblems(settings)]);
    expect(blockers).toHaveLength(2);
    expect(trainReadiness(true, tableWith(1000), defaultSettings('cgan'))).toEqual({
      blockers: [],
      notes: [],
    });
  });

  it('says when the batch is larger than the training rows and offers one the model accepts', () => {
    const settings = { ...defaultSettings('ctgan'), batchSize: 500 };
    const { blockers, notes } = trainReadiness(true, tableWith(275), settings);
    expect(blockers).toEqual([]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('Batch size 500 is larger than the 275 training rows');
    const offered = Number(/A batch size of (\d+)/.exec(notes[0]!)?.[1]);
    expect(offered * 4).toBeLessThanOrEqual(275);
    // The CTGAN-style critic packs rows in groups (pac): the offer must be a batch it accepts.
    expect(settingsProblems({ ...settings, batchSize: offered })).toEqual([]);
    expect(settingsProblems({ ...settings, batchSize: 64 })).not.toEqual([]);
  });

  it('keeps the table’s own notes, such as no held-out rows', () => {
    const notes = trainReadiness(
      true,
      tableWith(500, [], ['No row can be held out.']),
      defaultSettings('cgan'),
    ).notes;
    expect(notes).toEqual(['No row can be held out.']);
  });
});
