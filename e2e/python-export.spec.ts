import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './fixtures';
import { demoColumns } from './tables';

test('exports the run as a Python project: SDV metadata of the used columns, the settings in train.py', async ({
  playground,
  page,
}) => {
  const { data, model } = playground;
  await playground.open();
  await data.expectLoaded('penguins.csv', 344);
  await model.modelSelect.selectOption('ctgan');
  await model.batchSize.fill('200');

  const waiting = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Python project (.zip)', exact: true }).click();
  const download = await waiting;
  expect(download.suggestedFilename()).toBe('penguins-ctgan.zip');
  const files = unzipSync(new Uint8Array(await readFile(await download.path())));
  const text = (name: string) => strFromU8(files[`penguins-ctgan/${name}`]!);
  expect(Object.keys(files).sort()).toEqual(
    ['README.md', 'metadata.json', 'requirements.txt', 'train.py'].map((f) => `penguins-ctgan/${f}`),
  );

  const columns = Object.keys(JSON.parse(text('metadata.json')).tables.penguins.columns);
  expect(columns).toEqual(await data.generatedColumns(demoColumns('penguins.csv')));
  expect(columns).toContain('Species');
  const script = text('train.py');
  expect(script).toContain('batch_size=200,');
  expect(script).toContain('pac=10,');
  expect(script).toContain('HERE / "penguins.csv"');
  expect(text('README.md')).toContain('## When to use it');
});
