import type { ReactNode } from 'react';
import { BACKEND_NAMES, type BackendInfo, type BackendName } from '../../src/api';
import type { Engine } from '../engineClient';
import type { EngineAction } from '../useEngine';

interface Props {
  engine: Engine | null;
  backend: BackendInfo | null;
  dispatch: (action: EngineAction) => void;
  /** Tools beside the backend choice (the run's link). */
  children?: ReactNode;
}

export function Header({ engine, backend, dispatch, children }: Props) {
  const choose = async (name: BackendName) => {
    if (!engine) return;
    const result = await engine.setBackend(name);
    if (!result.ok) dispatch({ type: 'alert', message: result.error });
  };
  return (
    <header className="header">
      <div>
        {/* The tail gives way when the header's tools leave no room for it (classroom.css). */}
        <h1>
          GAN Playground<span className="title-tail"> for tables</span>
        </h1>
        <p className="tagline">
          Train a GAN on a table, live. Everything runs in this tab: nothing is uploaded.
        </p>
      </div>
      {children}
      <div className="backend">
        <span title={backend ? `Chosen because ${backend.reason}` : 'Timing the backends…'}>
          {backend ? `Backend: ${backend.name}` : 'Choosing a backend…'}
        </span>
        <label>
          <span className="visually-hidden">Backend</span>
          <select
            aria-label="Backend"
            value={backend?.name ?? ''}
            disabled={!backend}
            onChange={(e) => void choose(e.target.value as BackendName)}
          >
            {!backend && <option value="">…</option>}
            {BACKEND_NAMES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
    </header>
  );
}
