import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeSessionEnvironment } from '../src/worker/nodeBackends';
import { EngineSession } from '../src/worker/session';
import { TableLoader, type LoaderReport, type TableRequest } from './tableLoader';

// The real session (the worker's logic, in Node) behind the loader: page and worker must agree.
const penguins: TableRequest = {
  kind: 'url',
  url: resolve(__dirname, '../public/demos/penguins.csv'),
  name: 'penguins.csv',
  target: 'Species',
  byUser: false,
};
const cars: TableRequest = {
  kind: 'url',
  url: resolve(__dirname, '../public/demos/cars.csv'),
  name: 'cars.csv',
  target: 'Miles_per_Gallon',
  byUser: true,
};

function file(name: string, text: string): TableRequest {
  return { kind: 'file', file: new Blob([text]), name, seed: 42 };
}

const goodCsv = (rows: number) =>
  ['x,y,label', ...Array.from({ length: rows }, (_, i) => `${i},${(i * 7) % 5},${'abc'[i % 3]}`)].join('\n');

/** A loader wired to a real session, recording what the page would show. */
function setUp() {
  const session = new EngineSession(nodeSessionEnvironment('cpu'));
  const reports: LoaderReport[] = [];
  const page = { table: null as string | null, alert: null as string | null, reading: null as string | null };
  const loader = new TableLoader((report) => {
    reports.push(report);
    if (report.type === 'load-started') page.reading = report.name;
    else {
      page.reading = null;
      if (!report.result.ok) page.alert = report.result.error;
      else {
        page.table = report.result.value.name;
        if (report.byUser) page.alert = null;
      }
    }
  });
  const settled = async () => {
    for (let i = 0; i < 200 && page.reading !== null; i++) await new Promise((r) => setTimeout(r, 10));
  };
  const workerTable = () => {
    try {
      return session.tableView().name;
    } catch {
      return null;
    }
  };
  return { session, loader, page, reports, settled, workerTable };
}

describe('TableLoader', () => {
  it('holds a file chosen before the worker is up, and the default demo does not replace it', async () => {
    const { session, loader, page, settled, workerTable } = setUp();
    loader.request(file('early.csv', goodCsv(30)));
    expect(page.reading).toBe('early.csv');
    loader.request(penguins);
    loader.connect(session);
    await settled();
    expect(page).toEqual({ table: 'early.csv', alert: null, reading: null });
    expect(workerTable()).toBe('early.csv');
  });

  it('a file chosen while the default demo loads wins, in the page and in the worker', async () => {
    const { session, loader, page, settled, workerTable } = setUp();
    loader.connect(session);
    loader.request(penguins);
    loader.request(file('mine.csv', goodCsv(30)));
    await settled();
    await new Promise((r) => setTimeout(r, 100));
    expect(page.table).toBe('mine.csv');
    expect(workerTable()).toBe('mine.csv');
  });

  it('the newest of several requests wins; a failure after them keeps the table the worker holds', async () => {
    const { session, loader, page, settled, workerTable } = setUp();
    loader.connect(session);
    loader.request(penguins);
    await settled();
    loader.request(cars);
    loader.request(file('first.csv', goodCsv(30)));
    loader.request(file('second.csv', goodCsv(40)));
    await settled();
    expect(page.table).toBe('second.csv');
    expect(workerTable()).toBe('second.csv');

    loader.request(file('good.csv', goodCsv(20)));
    loader.request(file('ragged.csv', 'a,b\n1,2\n3\n'));
    await settled();
    expect(page.alert).toMatch(/ragged\.csv, line 3/);
    expect(page.table).toBe(workerTable());
  });

  it('a failing first file leaves a message, then the default demo loads', async () => {
    const { session, loader, page, settled, workerTable } = setUp();
    loader.request(file('broken.csv', 'a,b\n1,2\n3\n'));
    loader.request(penguins);
    loader.connect(session);
    await settled();
    expect(page.table).toBe('penguins.csv');
    expect(page.alert).toMatch(/broken\.csv, line 3/);
    expect(workerTable()).toBe('penguins.csv');
  });

  it('ends in a table and a message when the newest request fails, whatever came before', async () => {
    const { session, loader, page, reports, settled, workerTable } = setUp();
    loader.connect(session);
    for (const request of [penguins, cars, file('a.csv', goodCsv(10)), file('b.csv', 'x\n')]) {
      loader.request(request);
    }
    await settled();
    expect(reports.at(-1)?.type).toBe('load-finished');
    expect(page.reading).toBeNull();
    expect(page.alert).toMatch(/^b\.csv/);
    expect(page.table).not.toBeNull();
    expect(page.table).toBe(workerTable());
  });
});
