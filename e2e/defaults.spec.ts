import { expect, test } from './fixtures';
import { mixedCsv } from './tables';

test('a table of thousands of rows starts on the CGAN with its large-table settings, each derived setting saying why', async ({
  playground,
  page,
}) => {
  const { data, model } = playground;
  await playground.open();
  // The demo table keeps its quick defaults.
  await expect(model.modelSelect).toHaveValue('cgan');
  await expect(model.batchSize).toHaveValue('64');
  await expect(page.getByLabel('Why this model')).toContainText('A small table');

  await data.upload(mixedCsv(3000));
  await data.expectLoaded('mixed.csv', 3000);
  await expect(model.modelSelect).toHaveValue('cgan');
  await expect(page.getByLabel('Why this model')).toContainText('2,400 training rows');
  await expect(page.getByText(/About 3,002 steps \(38 an epoch\)/)).toBeVisible();
  await expect(page.getByLabel('Early stopping (epochs)', { exact: true })).toHaveValue('10');

  // Choosing another model derives its settings for the same table: a tenth of the 2,400 training rows,
  // in whole packs of 10.
  await model.modelSelect.selectOption('ctgan');
  await expect(model.batchSize).toHaveValue('240');
  await expect(page.getByText('Here: 240: at most a tenth of the 2,400 training rows')).toBeVisible();
});
