import { useEffect, useState } from 'react';
import type { ModelDetails } from '../../src/api';
import type { Engine } from '../engineClient';
import { DataTable } from './DataTable';

interface Props {
  engine: Engine | null;
  runId: number;
  hasModel: boolean;
}

/** The table a model shows about itself (PPO-GAN's vocabulary), folded; asked for once per run. */
export function ModelDetailsView({ engine, runId, hasModel }: Props) {
  const [details, setDetails] = useState<{ runId: number; value: ModelDetails | null } | null>(null);
  useEffect(() => {
    if (!engine || !hasModel) return;
    let current = true;
    void engine.modelDetails().then((value) => current && setDetails({ runId, value }));
    return () => {
      current = false;
    };
  }, [engine, runId, hasModel]);
  const value = hasModel && details?.runId === runId ? details.value : null;
  if (!value) return null;
  return (
    <details className="model-details">
      <summary>
        {value.title} ({value.rows.length.toLocaleString('en')})
      </summary>
      <p className="hint">{value.caption}</p>
      <DataTable label={value.title} columns={value.columns} rows={value.rows} />
    </details>
  );
}
