/**
 * Tables the tests upload, written here rather than kept as fixtures on disk so each test shows what it feeds in.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { UploadFile } from './playground';

const csv = (name: string, text: string): UploadFile => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(text, 'utf8'),
});

const arff = (name: string, text: string): UploadFile => ({
  name,
  mimeType: 'text/plain',
  buffer: Buffer.from(text, 'utf8'),
});

/** A demo table as shipped in public/demos. */
export function demoFile(name: string): UploadFile {
  return csv(name, readFileSync(demoPath(name), 'utf8'));
}

export function demoPath(name: string): string {
  return fileURLToPath(new URL(`../public/demos/${name}`, import.meta.url));
}

/** A demo table's row count, as public/demos/index.json lists it. */
export function demoRows(name: string): number {
  const index = JSON.parse(readFileSync(demoPath('index.json'), 'utf8')) as { file: string; rows: number }[];
  const demo = index.find((d) => d.file === name);
  if (!demo) throw new Error(`${name} is not a demo table`);
  return demo.rows;
}

/** The column names of a demo CSV, in the file's order. */
export function demoColumns(name: string): string[] {
  const header = readFileSync(demoPath(name), 'utf8').split(/\r?\n/, 1)[0] ?? '';
  return header.split(',');
}

/**
 * A small mixed table: integer, decimal and categorical columns, a quoted value with a comma, a few
 * missing cells, and a three-class target last ("Group"). Deterministic.
 */
export function mixedCsv(rows: number, name = 'mixed.csv'): UploadFile {
  const colours = ['red', 'green', 'blue'];
  const cities = ['Oslo', '"Portland, OR"', 'Lyon'];
  const groups = ['A', 'B', 'C'];
  const lines = ['Age,Height (cm),Colour,City,Member,Group'];
  for (let i = 0; i < rows; i++) {
    const age = 18 + ((i * 7) % 50);
    const height = i % 13 === 5 ? '' : (150 + ((i * 37) % 45) + (i % 10) / 10).toFixed(1);
    const colour = i % 11 === 3 ? '' : colours[i % 3];
    const member = i % 4 === 0 ? 'no' : 'yes';
    lines.push([age, height, colour, cities[(i * 5) % 3], member, groups[(i * 2) % 3]].join(','));
  }
  return csv(name, `${lines.join('\n')}\n`);
}

/**
 * A valid ARFF: `%` comments (in the header and among the data), nominal values declared and written with
 * spaces after the commas, and `?` for missing values. 24 rows, 4 attributes, target "kind".
 */
export function gardenArff(name = 'garden.arff'): UploadFile {
  const colours = ['red', 'green', 'blue'];
  const kinds = ['herb', 'shrub', 'tree'];
  const lines = [
    '% Garden plants, written by the end-to-end tests.',
    '% Missing values are written as ?.',
    '@relation garden',
    '',
    '@attribute height numeric',
    '@attribute width real',
    '@attribute colour {red, green, blue}',
    '@attribute kind {herb, shrub, tree}',
    '',
    '@data',
    '% the first plants',
  ];
  for (let i = 0; i < 24; i++) {
    const height = i === 4 || i === 17 ? '?' : String(10 + ((i * 13) % 40));
    const width = (1 + ((i * 7) % 9) / 2).toFixed(1);
    const colour = i === 9 ? '?' : colours[i % 3];
    lines.push(`${height}, ${width}, ${colour}, ${kinds[(i * 2) % 3]}`);
    if (i === 11) lines.push('% the rest');
  }
  return arff(name, `${lines.join('\n')}\n`);
}

/** A file the app must refuse, what the alert must say, and the table that stays loaded. */
export interface BadFile {
  title: string;
  file: UploadFile;
  /** Text the alert must contain besides the file name. */
  mentions?: string;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export const badFiles: BadFile[] = [
  { title: 'an empty file', file: csv('empty.csv', '') },
  {
    title: 'a binary file',
    file: {
      name: 'picture.png',
      mimeType: 'image/png',
      buffer: Buffer.from([...PNG_SIGNATURE, ...new Array<number>(256).fill(0)]),
    },
  },
  {
    title: 'a CSV with a ragged row',
    file: csv('ragged.csv', 'a,b,label\n1,2,x\n3,4\n5,6,y\n7,8,x\n'),
    mentions: 'line 3',
  },
  { title: 'a single-column CSV', file: csv('single-column.csv', 'value\n1\n2\n3\n4\n5\n') },
  {
    title: 'a CSV whose target has a single value',
    file: csv(
      'constant-target.csv',
      `x,y,label\n${Array.from({ length: 12 }, (_, i) => `${i},${(i * 3) % 7},same`).join('\n')}\n`,
    ),
  },
  {
    title: 'an ARFF with an undeclared nominal value',
    file: arff(
      'undeclared.arff',
      [
        '@relation paint',
        '@attribute size numeric',
        '@attribute colour {red, green}',
        '@data',
        '1, red',
        '2, green',
        '3, purple',
        '4, red',
      ].join('\n'),
    ),
    mentions: 'colour',
  },
];

/** A CSV of `rows` good rows, then one a field short, then one more good row: the reader fails on line rows + 2. */
export function raggedCsv(rows: number, name = 'ragged.csv'): UploadFile {
  const lines = ['a,b,label'];
  for (let i = 0; i < rows; i++) lines.push(`${i},${(i * 7) % 13},${i % 2 ? 'x' : 'y'}`);
  lines.push('1,2', '3,4,x');
  return csv(name, `${lines.join('\n')}\n`);
}
