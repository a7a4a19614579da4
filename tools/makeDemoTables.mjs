// Writes the demo tables the app ships (public/demos/) from the vega-datasets npm package.
// Run with `node tools/makeDemoTables.mjs`; the output is committed, so the app needs no network.
// The target column goes last, where the app's default target rule looks for it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'node_modules/vega-datasets/data');
const out = path.join(root, 'public/demos');

const readJson = (file) => JSON.parse(readFileSync(path.join(source, file), 'utf8'));
const readCsv = (file) =>
  Papa.parse(readFileSync(path.join(source, file), 'utf8'), { header: true, skipEmptyLines: true }).data;

/** A missing value is written as an empty cell; other values are quoted only when they must be. */
function toCsv(columns, rows) {
  const cell = (value) => {
    if (value === null || value === undefined) return '';
    const text = String(value);
    return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return (
    [columns, ...rows.map((row) => columns.map((c) => row[c]))].map((r) => r.map(cell).join(',')).join('\n') +
    '\n'
  );
}

const demos = [
  {
    file: 'penguins.csv',
    title: 'Palmer penguins',
    target: 'Species',
    task: 'classification',
    description:
      'Body measurements of 344 penguins from three islands of the Palmer Archipelago, Antarctica. ' +
      'Learn the three species (Adelie, Chinstrap, Gentoo) from beak, flipper, body mass, island and sex.',
    columns: [
      'Island',
      'Beak Length (mm)',
      'Beak Depth (mm)',
      'Flipper Length (mm)',
      'Body Mass (g)',
      'Sex',
      'Species',
    ],
    // The source writes one unknown sex as "."; it is a missing value like the others.
    rows: () => readJson('penguins.json').map((r) => ({ ...r, Sex: r.Sex === '.' ? null : r.Sex })),
  },
  {
    file: 'cars.csv',
    title: 'Cars (Auto MPG)',
    target: 'Miles_per_Gallon',
    task: 'regression',
    description:
      'Specifications of 406 cars from 1970 to 1982: cylinders, displacement, horsepower, weight, ' +
      'acceleration, model year and origin. The target is fuel economy in miles per gallon (a number).',
    columns: [
      'Name',
      'Cylinders',
      'Displacement',
      'Horsepower',
      'Weight_in_lbs',
      'Acceleration',
      'Year',
      'Origin',
      'Miles_per_Gallon',
    ],
    // The source writes the model year as a date ("1970-01-01"); the year alone is a number to learn.
    rows: () => readJson('cars.json').map((r) => ({ ...r, Year: Number(String(r.Year).slice(0, 4)) })),
  },
  {
    file: 'seattle-weather.csv',
    title: 'Seattle weather',
    target: 'weather',
    task: 'classification',
    description:
      'Daily weather in Seattle from 2012 to 2015: precipitation, highest and lowest temperature and wind. ' +
      'Learn the kind of day (sun, rain, drizzle, fog, snow).',
    columns: ['date', 'precipitation', 'temp_max', 'temp_min', 'wind', 'weather'],
    rows: () => readCsv('seattle-weather.csv'),
  },
];

const readme = `# Demo tables

The tables the app offers as demos. \`tools/makeDemoTables.mjs\` writes them (and \`index.json\`)
from the [vega-datasets](https://github.com/vega/vega-datasets) npm package (version 3.2.1,
BSD-3-Clause), which collects them from the sources below. Missing values are empty cells; the
target column is the last one.

## penguins.csv

Palmer penguins: Gorman KB, Williams TD, Fraser WR (2014), "Ecological sexual dimorphism and
environmental variability within a community of Antarctic penguins (genus Pygoscelis)", PLoS ONE
9(3): e90081, data from Palmer Station Antarctica LTER, via Allison Horst's palmerpenguins package.
License: CC0 1.0. One sex recorded as "." in the source is written as missing.

## cars.csv

Auto MPG: StatLib Datasets Archive (Carnegie Mellon University), also in the UCI Machine Learning
Repository as "Auto MPG" (Quinlan, 1993); vega-datasets notes it was distributed for educational
and scientific purposes. The model year, a date in vega-datasets, is written as the year alone.

## seattle-weather.csv

Daily weather in Seattle, 2012 to 2015: NOAA National Climatic Data Center, a U.S. Government work,
as prepared by vega-datasets (its "weather" label is derived from the other measurements).
`;

mkdirSync(out, { recursive: true });
const index = [];
for (const demo of demos) {
  const rows = demo.rows();
  writeFileSync(path.join(out, demo.file), toCsv(demo.columns, rows));
  const { file, title, target, task, description } = demo;
  index.push({ file, title, rows: rows.length, target, task, description });
  console.log(`${demo.file}: ${rows.length} rows, ${demo.columns.length} columns`);
}
writeFileSync(path.join(out, 'index.json'), JSON.stringify(index, null, 2) + '\n');
writeFileSync(path.join(out, 'README.md'), readme);
