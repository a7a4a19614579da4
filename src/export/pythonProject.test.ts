import { describe, expect, it } from 'vitest';
import { inferSchema } from '../data/infer';
import { parseTableFile } from '../data/load';
import type { Schema } from '../data/schema';
import { execFileSync } from 'node:child_process';
import { defaultSettings, type TrainingSettings } from '../models/catalog';
import { pythonProject, sdvParameters, tableName, type SdvParameter } from './pythonProject';

/** Adult's columns (and its "?" for missing), plus an identifier, a date and a decimal number. */
const ADULT_LIKE = [
  'id,age,workclass,fnlwgt,education,education-num,capital-gain,hours-per-week,interviewed,score,income',
  ...Array.from({ length: 40 }, (_, i) =>
    [
      `p${i}`,
      17 + ((i * 7) % 60),
      ['Private', 'State-gov', '?', 'Self-emp'][i % 4],
      12285 + i * 1000,
      ['HS-grad', 'Bachelors', 'Masters'][i % 3],
      9 + (i % 5),
      i % 5 === 0 ? 2174 : 0,
      40 + (i % 3),
      `2019-0${1 + (i % 9)}-1${i % 10}`,
      (i / 7).toFixed(2),
      i % 4 === 0 ? '>50K' : '<=50K',
    ].join(','),
  ),
].join('\n');

function adultLike(): Schema {
  const raw = parseTableFile(new TextEncoder().encode(ADULT_LIKE), 'adult.csv');
  if (!raw.ok) throw new Error(raw.error);
  const schema = inferSchema(raw.value);
  if (!schema.ok) throw new Error(schema.error);
  return schema.value;
}

const CTGAN_DEFAULTS = defaultSettings('ctgan');
const CGAN_DEFAULTS = defaultSettings('cgan');

/** Python 3 on this machine, to check the script parses; null where there is none. */
const python = (() => {
  try {
    execFileSync('python3', ['--version']);
    return 'python3';
  } catch {
    return null;
  }
})();

const byName = (parameters: SdvParameter[]) => Object.fromEntries(parameters.map((p) => [p.name, p.value]));

describe('pythonProject', () => {
  it("writes SDV's metadata JSON for an Adult-like table: sdtypes, integer or float, date formats", () => {
    const schema = adultLike();
    expect(schema.columns[0]!.kind).toBe('ignored');
    const project = pythonProject({ fileName: 'adult.csv', schema, rowCount: 40, settings: CTGAN_DEFAULTS });
    expect(project.metadata).toEqual({
      METADATA_SPEC_VERSION: 'V1',
      tables: {
        adult: {
          columns: {
            age: { sdtype: 'numerical', computer_representation: 'Int64' },
            workclass: { sdtype: 'categorical' },
            fnlwgt: { sdtype: 'numerical', computer_representation: 'Int64' },
            education: { sdtype: 'categorical' },
            'education-num': { sdtype: 'numerical', computer_representation: 'Int64' },
            'capital-gain': { sdtype: 'numerical', computer_representation: 'Int64' },
            'hours-per-week': { sdtype: 'numerical', computer_representation: 'Int64' },
            interviewed: { sdtype: 'datetime', datetime_format: '%Y-%m-%d' },
            score: { sdtype: 'numerical', computer_representation: 'Float' },
            income: { sdtype: 'categorical' },
          },
        },
      },
      relationships: [],
    });
    const file = project.files.find((f) => f.path === 'metadata.json')!;
    expect(JSON.parse(file.text)).toEqual(project.metadata);
    expect(project.files.map((f) => f.path)).toEqual([
      'metadata.json',
      'train.py',
      'requirements.txt',
      'README.md',
    ]);
  });

  it("maps the CTGAN-style model's defaults one to one, leaving only the seed without a counterpart", () => {
    const { parameters, unmapped } = sdvParameters(CTGAN_DEFAULTS);
    expect(byName(parameters)).toEqual({
      epochs: 100,
      generator_lr: 2e-4,
      discriminator_lr: 2e-4,
      embedding_dim: 128,
      generator_dim: [256, 256],
      discriminator_dim: [256, 256],
      pac: 10,
      batch_size: 500,
      enforce_min_max_values: true,
      enforce_rounding: true,
      discriminator_steps: 1,
    });
    expect(unmapped.map((u) => u.setting)).toEqual(['Seed 42']);
  });

  it('names what the CTGAN-style model was set to that CTGAN fixes', () => {
    const { unmapped } = sdvParameters({
      ...CTGAN_DEFAULTS,
      critic: 'cross-entropy',
      gumbelTau: 0.5,
      dropout: 0.2,
    });
    expect(unmapped.map((u) => u.setting)).toEqual([
      'Critic: cross-entropy',
      'Gumbel τ 0.5',
      'Dropout 0.2',
      'Seed 42',
    ]);
  });

  it("maps the CGAN's sizes to both networks and says what CTGAN does differently", () => {
    const { parameters, unmapped } = sdvParameters(CGAN_DEFAULTS);
    expect(byName(parameters)).toMatchObject({
      epochs: 300,
      batch_size: 64,
      pac: 1,
      embedding_dim: 16,
      generator_dim: [64, 64],
      discriminator_dim: [64, 64],
      generator_lr: 1e-3,
    });
    expect(unmapped.map((u) => u.setting)).toEqual(['Model: CGAN', 'Dropout 0.1', 'Seed 42']);
    expect(unmapped[0]!.why).toContain('Wasserstein');
  });

  it('rounds a batch CTGAN would refuse to the nearest even multiple of pac, and says so', () => {
    const odd = sdvParameters({ ...CTGAN_DEFAULTS, batchSize: 505 }).parameters.find(
      (p) => p.name === 'batch_size',
    )!;
    expect(odd.value).toBe(510);
    expect(odd.from).toContain('rounded');
    const pac5 = sdvParameters({ ...CTGAN_DEFAULTS, pac: 5, batchSize: 25 }).parameters;
    expect(byName(pac5).batch_size).toBe(30);
    expect(byName(sdvParameters({ ...CGAN_DEFAULTS, batchSize: 1 }).parameters).batch_size).toBe(2);
  });

  it('lists table-GAN settings that CTGAN lacks', () => {
    const { unmapped } = sdvParameters(defaultSettings('tablegan'));
    expect(unmapped.map((u) => u.setting)).toContain('δ mean, δ sd (privacy)');
    expect(unmapped.map((u) => u.setting)).toContain('Model: table-GAN');
  });

  it('writes a script that passes every parameter, drops ignored columns and reads the table by its name', () => {
    const project = pythonProject({
      fileName: 'adult.csv',
      schema: adultLike(),
      rowCount: 40,
      settings: { ...CTGAN_DEFAULTS, seed: 7 },
    });
    const script = project.files.find((f) => f.path === 'train.py')!.text;
    for (const p of project.parameters) expect(script).toContain(`${p.name}=`);
    expect(script).toContain('generator_dim=(256, 256),');
    expect(script).toContain('enforce_rounding=True,');
    expect(script).toContain('IGNORED = ["id"]');
    expect(script).toContain('TABLE = "adult"');
    expect(script).toContain('SEED = 7');
    expect(script).toContain('HERE / "adult.csv"');
    expect(script).toContain('Metadata.load_from_json');
    const readme = project.files.find((f) => f.path === 'README.md')!.text;
    expect(readme).toContain('## When to use it');
    expect(readme).toContain('| `pac` | 10 | Pac |');
  });

  it("says DSF-GAN's λ has no counterpart, and a family without a mapping trains as CTGAN", () => {
    const dsf = sdvParameters({
      ...defaultSettings('dsfgan'),
      feedback: { lambda: 2, downstream: 'mlp', refitEvery: 0 },
    });
    expect(dsf.unmapped.map((u) => u.setting)).toContain('λ (downstream feedback) 2');
    const toy = sdvParameters({
      model: 'toy',
      epochs: 3,
      batchSize: 8,
      seed: 1,
    } as unknown as TrainingSettings);
    expect(toy.unmapped[0]!.setting).toBe('Model: toy');
    expect(byName(toy.parameters)).toMatchObject({ epochs: 3, batch_size: 8, pac: 1 });
  });

  it.skipIf(!python)('writes a train.py that Python parses, for every model', () => {
    for (const model of ['cgan', 'ctgan', 'dsfgan', 'tablegan'] as const) {
      const project = pythonProject({
        fileName: 'o\'brien "data".csv',
        schema: adultLike(),
        rowCount: 40,
        settings: defaultSettings(model),
      });
      const script = project.files.find((f) => f.path === 'train.py')!.text;
      expect(() =>
        execFileSync(python!, ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: script }),
      ).not.toThrow();
    }
  });

  it('names the table after the file, as a Python word', () => {
    expect(tableName('adult.csv')).toBe('adult');
    expect(tableName('bank-full.arff')).toBe('bank_full');
    expect(tableName('C:\\data\\2019 sales.tsv')).toBe('t_2019_sales');
    expect(tableName('...csv')).toBe('table');
  });
});
