import type { Schema } from '../data/schema';
import type { TimeFormat } from '../data/time';
import { describeModel, type TrainingSettings } from '../models/catalog';

/**
 * A way out when the table outgrows the tab: the run as a small Python project that trains SDV's
 * CTGANSynthesizer (the reference CTGAN in PyTorch) on the whole table, on a GPU when there is one, or
 * on a GPU worker of the user's own Ray cluster, reading the table through their Spark if they like.
 * Pure: the page turns the files into a download; nothing here runs Python or reaches the network.
 *
 * The metadata follows SDV's documented metadata JSON (METADATA_SPEC_VERSION "V1", one table; read by
 * `Metadata.load_from_json`; `enable_gpu` needs SDV 1.30, and SDV 2 moved to a metadata format of its own,
hence the pin to SDV 1). The settings map to CTGANSynthesizer's parameters where
 * a counterpart exists; every setting without one is listed with the reason. Each family says which of
 * its own settings map (its description's `sdv`); a family that says nothing trains as CTGAN with the
 * common settings, and the README says so.
 */

export interface PythonProjectInput {
  /** The file the table came from: the script reads it by this name, from beside itself. */
  fileName: string;
  /** The columns as the user set them (kinds, target); ignored columns are left out. */
  schema: Schema;
  rowCount: number;
  settings: TrainingSettings;
}

/** A value a CTGANSynthesizer keyword takes. */
export type SdvValue = number | boolean | number[];

/** One keyword argument, and the setting it came from (or why it is set without one). */
export interface SdvParameter {
  name: string;
  value: SdvValue;
  from: string;
}

/** A setting of the run that CTGANSynthesizer has no counterpart for. */
export interface UnmappedSetting {
  setting: string;
  why: string;
}

/** What a family's own settings become in CTGANSynthesizer; `pac` is 1 for a family that judges rows singly. */
export interface SdvMapping {
  parameters: SdvParameter[];
  unmapped: UnmappedSetting[];
  pac?: number;
}

export interface SdvColumn {
  sdtype: 'numerical' | 'categorical' | 'datetime';
  computer_representation?: 'Int64' | 'Float';
  datetime_format?: string;
}

export interface SdvMetadata {
  METADATA_SPEC_VERSION: 'V1';
  tables: Record<string, { columns: Record<string, SdvColumn> }>;
  relationships: [];
}

export interface PythonProject {
  /** Folder name for the download. */
  folder: string;
  metadata: SdvMetadata;
  parameters: SdvParameter[];
  unmapped: UnmappedSetting[];
  files: { path: string; text: string }[];
}

export function pythonProject(input: PythonProjectInput): PythonProject {
  const table = tableName(input.fileName);
  const metadata = sdvMetadata(input.schema, table);
  const { parameters, unmapped } = sdvParameters(input.settings);
  const ignored = input.schema.columns.flatMap((c) => (c.kind === 'ignored' ? [c.name] : []));
  const files = [
    { path: 'metadata.json', text: `${JSON.stringify(metadata, null, 2)}\n` },
    { path: 'train.py', text: trainScript(input, table, parameters, ignored) },
    { path: 'requirements.txt', text: 'sdv>=1.30,<2\npandas>=2\n' },
    { path: 'README.md', text: readme(input, parameters, unmapped) },
  ];
  return { folder: `${table}-ctgan`, metadata, parameters, unmapped, files };
}

/** The table's name in the metadata: the file name without its extension, as a Python-friendly word. */
export function tableName(fileName: string): string {
  const stem = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const word = stem.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return word === '' ? 'table' : /^[0-9]/.test(word) ? `t_${word}` : word;
}

/** SDV's metadata for the table's used columns, in table order. */
export function sdvMetadata(schema: Schema, table: string): SdvMetadata {
  const columns: Record<string, SdvColumn> = {};
  for (const column of schema.columns) {
    if (column.kind === 'ignored') continue;
    if (column.kind === 'categorical') columns[column.name] = { sdtype: 'categorical' };
    else if (column.time)
      columns[column.name] = { sdtype: 'datetime', datetime_format: strftime(column.time) };
    else
      columns[column.name] = {
        sdtype: 'numerical',
        computer_representation: column.integer ? 'Int64' : 'Float',
      };
  }
  return { METADATA_SPEC_VERSION: 'V1', tables: { [table]: { columns } }, relationships: [] };
}

/** Python's strftime spelling of an ISO date or date-time format (data/time.ts reads only these). */
function strftime(format: TimeFormat): string {
  if (format.kind === 'date') return '%Y-%m-%d';
  return `%Y-%m-%d${format.separator}%H:%M${format.seconds ? ':%S' : ''}${format.zulu ? 'Z' : ''}`;
}

/**
 * CTGANSynthesizer's keyword arguments for the run's settings. CTGAN needs an even batch that is a
 * multiple of pac: a batch that is not is rounded to the nearest one that is, and the note says so.
 */
export function sdvParameters(settings: TrainingSettings): SdvMapping {
  const description = describeModel(settings.model);
  const own: SdvMapping = description?.sdv?.(settings) ?? {
    parameters: [],
    unmapped: [
      {
        setting: `Model: ${description?.label ?? settings.model}`,
        why: 'SDV has no counterpart; CTGAN, the GAN it has, trains with the common settings.',
      },
    ],
  };
  const pac = own.pac ?? 1;
  const parameters: SdvParameter[] = [
    { name: 'epochs', value: settings.epochs, from: 'Epochs' },
    ...own.parameters,
  ];
  parameters.push({
    name: 'pac',
    value: pac,
    from: own.pac !== undefined ? 'Pac' : 'fixed: the model judges one row at a time',
  });
  const batch = ctganBatch(settings.batchSize, pac);
  parameters.push({
    name: 'batch_size',
    value: batch,
    from:
      batch === settings.batchSize
        ? 'Batch size'
        : `Batch size ${settings.batchSize}, rounded: CTGAN needs an even multiple of pac`,
  });
  // Chosen to match what the app does, not read from a setting.
  parameters.push(
    {
      name: 'enforce_min_max_values',
      value: true,
      from: 'fixed: the app clamps generated numbers to the real range too',
    },
    {
      name: 'enforce_rounding',
      value: true,
      from: 'fixed: the app rounds generated numbers like the column too',
    },
    { name: 'discriminator_steps', value: 1, from: 'fixed: the app updates each player once a step too' },
  );
  const unmapped: UnmappedSetting[] = [
    ...own.unmapped,
    {
      setting: `Seed ${settings.seed}`,
      why:
        'train.py seeds Python, NumPy and PyTorch with it; PyTorch draws other numbers than TensorFlow.js, ' +
        'so the rows differ from the app’s.',
    },
  ];
  return { parameters, unmapped, pac };
}

/** The nearest batch size CTGAN accepts: a multiple of pac (and of 2), at least one of each. */
function ctganBatch(batch: number, pac: number): number {
  const step = pac % 2 === 0 ? pac : 2 * pac;
  return Math.max(step, Math.round(batch / step) * step);
}

function pythonValue(value: SdvValue): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return `(${value.join(', ')}${value.length === 1 ? ',' : ''})`;
  return String(value);
}

function pythonString(text: string): string {
  return JSON.stringify(text);
}

function trainScript(
  input: PythonProjectInput,
  table: string,
  parameters: SdvParameter[],
  ignored: string[],
): string {
  const keywords = parameters.map((p) => `    ${p.name}=${pythonValue(p.value)},  # ${p.from}`).join('\n');
  return `"""Train SDV's CTGANSynthesizer on the whole table, as exported from the GAN Playground.

    pip install -r requirements.txt
    python train.py                         # ${input.fileName} beside this file, GPU if there is one
    python train.py --data big.csv --rows 100000 --out synthetic.csv
    python train.py --ray                   # fit on a GPU worker of your running Ray cluster
    python train.py --spark --data s3://bucket/table.csv   # read the table through your SparkSession
"""
import argparse
import csv
import random
from pathlib import Path

import numpy as np
import pandas as pd
import torch
from sdv.metadata import Metadata
from sdv.single_table import CTGANSynthesizer

HERE = Path(__file__).resolve().parent
TABLE = ${pythonString(table)}
SEED = ${input.settings.seed}
# Columns the playground left out (identifiers, free text, constants, or left out by you).
IGNORED = ${JSON.stringify(ignored)}
# Cells the playground reads as missing.
MISSING = ["", "?", "NA", "N/A", "null", "NULL", "NaN"]


def synthesizer_for(metadata, enable_gpu):
    return CTGANSynthesizer(
        metadata,
${keywords
  .split('\n')
  .map((line) => `    ${line}`)
  .join('\n')}
        enable_gpu=enable_gpu,
        verbose=True,
    )


def read_table(path, spark):
    if spark:
        from pyspark.sql import SparkSession

        session = SparkSession.builder.getOrCreate()
        # Every cell as text, as the playground reads it; the whole table then comes to this machine.
        return session.read.csv(path, header=True, inferSchema=False).toPandas()
    if path.endswith(".arff"):
        import arff  # pip install liac-arff

        with open(path) as f:
            loaded = arff.load(f)
        return pd.DataFrame(loaded["data"], columns=[a[0] for a in loaded["attributes"]])
    with open(path, newline="") as f:
        dialect = csv.Sniffer().sniff(f.read(65536), delimiters=",;\\t|")
    return pd.read_csv(path, sep=dialect.delimiter, dtype=str, keep_default_na=False)


def typed(data, metadata):
    """Missing markers to NaN and each column to its metadata type, ignored columns dropped."""
    data = data.drop(columns=[c for c in IGNORED if c in data.columns])
    columns = metadata.to_dict()["tables"][TABLE]["columns"]
    for name, column in columns.items():
        text = data[name].astype("string").str.strip()
        text = text.mask(text.isin(MISSING))
        if column["sdtype"] == "numerical":
            data[name] = pd.to_numeric(text, errors="coerce")
        elif column["sdtype"] == "datetime":
            data[name] = pd.to_datetime(text, format=column["datetime_format"], errors="coerce")
        else:
            data[name] = text.astype(object).where(text.notna(), np.nan)
    return data[list(columns)]


def fit(data, metadata, enable_gpu):
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    synthesizer = synthesizer_for(metadata, enable_gpu)
    synthesizer.fit(data)
    return synthesizer


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(HERE / ${pythonString(input.fileName)}))
    parser.add_argument("--rows", type=int, default=${input.rowCount}, help="rows to generate")
    parser.add_argument("--out", default=str(HERE / "synthetic.csv"))
    parser.add_argument("--device", choices=["auto", "cpu"], default="auto")
    parser.add_argument("--ray", action="store_true", help="fit on a GPU worker of a running Ray cluster")
    parser.add_argument("--spark", action="store_true", help="read --data through a SparkSession")
    args = parser.parse_args()

    metadata = Metadata.load_from_json(str(HERE / "metadata.json"))
    data = typed(read_table(args.data, args.spark), metadata)
    enable_gpu = args.device == "auto"
    if args.ray:
        import ray

        ray.init(address="auto")
        remote_fit = ray.remote(num_gpus=1 if enable_gpu else 0)(fit)
        synthesizer = ray.get(remote_fit.remote(data, metadata, enable_gpu))
    else:
        synthesizer = fit(data, metadata, enable_gpu)
    synthesizer.save(str(HERE / "synthesizer.pkl"))
    synthesizer.sample(num_rows=args.rows).to_csv(args.out, index=False)
    print(f"{args.rows} rows written to {args.out}; the fitted model is in synthesizer.pkl")


if __name__ == "__main__":
    main()
`;
}

function readme(input: PythonProjectInput, parameters: SdvParameter[], unmapped: UnmappedSetting[]): string {
  const rows = parameters.map((p) => `| \`${p.name}\` | ${pythonValue(p.value)} | ${p.from} |`).join('\n');
  const missing = unmapped.map((u) => `- **${u.setting}**: ${u.why}`).join('\n');
  return `# ${input.fileName}: CTGAN in Python

Exported from the GAN Playground for tables. \`train.py\` trains SDV's \`CTGANSynthesizer\` (the CTGAN
authors' PyTorch code) on the whole of \`${input.fileName}\` (${input.rowCount.toLocaleString('en')} rows) and writes
generated rows to \`synthetic.csv\`, with the columns described in \`metadata.json\`.

## When to use it

The playground trains in your browser tab, on one CPU core or the page's GPU, and keeps the table in
the tab's memory. Move to this project when:

- an epoch takes minutes in the tab, or the run needs hours (CTGAN's published results use 300 epochs);
- the table is larger than the tab holds comfortably (hundreds of thousands of rows, or wide one-hot
  columns), or lives on a cluster;
- you have a GPU (CUDA) or a Ray cluster with GPU workers.

Stay in the playground to explore: it shows the losses, the discriminator's verdicts and the report as
training goes, and nothing leaves your machine. This project does not either: it reads the table from
where you put it and needs no network once its packages are installed.

## Run it

\`\`\`sh
pip install -r requirements.txt
python train.py            # ${input.fileName} beside train.py; uses a CUDA GPU when PyTorch finds one
python train.py --help     # --data, --rows, --out, --device cpu
\`\`\`

- **Ray**: with a cluster running (\`ray start\` or your provider's), \`python train.py --ray\` fits on
  one worker with a GPU and samples here. CTGAN trains on one device: Ray places the job, it does not
  split one fit across machines.
- **Spark**: \`python train.py --spark --data hdfs://…/table.csv\` reads the table through your
  \`SparkSession\` (then collects it to the driver, which must hold it in memory).

## Settings

| CTGANSynthesizer parameter | value | from the playground |
|---|---|---|
${rows}

Settings without a counterpart in CTGANSynthesizer:

${missing}
`;
}
