import { LESSONS } from '../app/lessons';
import { readLink } from '../app/runLink';
import { demoRows } from './tables';
import { expect, test } from './fixtures';
import type { Playground } from './playground';

/*
 * Lessons and presets: each lesson page sets what it says on entry (its table, model, settings and the
 * parts shown), read back from the page itself (the table's summary, the run's link, the sections); the
 * mode-collapse preset raises the health banner within its first minute.
 */

/** What the page has set now, as its own "Copy link" writes it. */
async function pageState(playground: Playground) {
  await playground.page.getByRole('button', { name: 'Copy link', exact: true }).click();
  return readLink(new URL(playground.page.url()).hash);
}

for (const lesson of LESSONS) {
  test(`lesson "${lesson.title}": each page sets what it says`, async ({ playground, page }) => {
    await playground.openToWatch();
    await page.getByRole('combobox', { name: 'Lesson or preset' }).selectOption({ label: lesson.title });
    const bar = page.getByRole('region', { name: 'Lesson' });
    for (const [index, lessonPage] of lesson.pages.entries()) {
      if (index > 0) await bar.getByRole('button', { name: 'Next', exact: true }).click();
      await expect(bar.getByRole('heading')).toHaveText(`${lesson.title}: ${lessonPage.title}`);
      await expect(bar.getByRole('button', { name: new RegExp(`^Page ${index + 1} of`) })).toHaveAttribute(
        'aria-current',
        'step',
      );
      const { table, model, settings = {}, hide = [] } = lessonPage.set;
      if (table) await playground.data.expectLoaded(table, demoRows(table));
      await expect
        .poll(async () => {
          const state = await pageState(playground);
          const set = Object.entries(settings).every(([path, value]) => state.values[path] === String(value));
          return { model: state.model, set, hide: state.hide, lesson: state.lesson };
        })
        .toEqual({
          model: model ?? 'cgan',
          set: true,
          hide: [...hide],
          lesson: { id: lesson.id, page: index },
        });
      await expect(page.getByRole('heading', { name: 'Synthetic rows', exact: true })).toHaveCount(
        hide.includes('samples') ? 0 : 1,
      );
    }
    await expect(bar.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  });
}

test('the mode-collapse preset raises the banner within its first minute, and says why', async ({
  playground,
  page,
}) => {
  await playground.openToWatch();
  await page.getByRole('combobox', { name: 'Lesson or preset' }).selectOption({ label: 'Mode collapse' });
  const note = page.getByRole('region', { name: 'Preset' });
  await expect(note).toContainText('Fails on purpose.');
  await expect.poll(async () => (await pageState(playground)).values.noiseSize).toBe('1');
  const started = Date.now();
  await playground.training.train();
  const banner = page.getByRole('alert', { name: 'Training problem' });
  await expect(banner).toBeVisible({ timeout: 60_000 });
  console.log(`mode-collapse banner after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await playground.training.pause();
});
