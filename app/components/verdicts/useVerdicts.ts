import { useCallback, useEffect, useRef, useState } from 'react';
import {
  DEFAULT_THRESHOLD,
  type PassCount,
  type SnapshotInfo,
  type TsneProgress,
  type VerdictStatus,
} from '../../../src/api';
import type { Engine } from '../../engineClient';
import { CANCELLED, createTsneClient, type TsneClient } from '../../tsneClient';
import { alignWithPrevious, pointKeys, warmStartFrom, type VerdictMapData } from './mapModel';

/** What the user sets for a map. */
export interface MapOptions {
  threshold: number;
  realCount: number;
  fooledCount: number;
  rejectedCount: number;
  perplexity: number;
  iterations: number;
}

export const DEFAULT_MAP_OPTIONS: MapOptions = {
  threshold: DEFAULT_THRESHOLD,
  realCount: 200,
  fooledCount: 20,
  rejectedCount: 20,
  perplexity: 30,
  iterations: 500,
};

const POLL_MS = 2000;
const CACHE_SIZE = 32;

interface Args {
  engine: Engine | null;
  runId: number;
  training: boolean;
  /** The run's status; a change (paused, finished) is a moment to look for new snapshots. */
  statusKey: string;
  seed: number;
  onError: (message: string) => void;
}

/**
 * The verdicts panel's state and the requests behind it: snapshot list (polled while training),
 * the map of the chosen snapshot (worker sample → t-SNE worker → aligned with the map on screen),
 * a cache so stepping back is instant, and the pass count.
 */
export function useVerdicts({ engine, runId, training, statusKey, seed, onError }: Args) {
  const [status, setStatus] = useState<VerdictStatus | null>(null);
  const [options, setOptions] = useState<MapOptions>(DEFAULT_MAP_OPTIONS);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [map, setMap] = useState<VerdictMapData | null>(null);
  const [progress, setProgress] = useState<TsneProgress | null>(null);
  const [passCount, setPassCount] = useState<PassCount | null>(null);
  const [counting, setCounting] = useState(false);
  const tsne = useRef<TsneClient | null>(null);
  const cache = useRef(new Map<string, VerdictMapData>());
  const latestRequest = useRef(0);
  const mapRef = useRef<VerdictMapData | null>(null);

  useEffect(() => {
    const client = createTsneClient();
    tsne.current = client;
    return () => client.dispose();
  }, []);

  const refresh = useCallback(async (): Promise<VerdictStatus | null> => {
    if (!engine) return null;
    const next = await engine.verdictStatus();
    setStatus(next);
    return next;
  }, [engine]);

  // A new run (or none): forget everything about the old one.
  const [seenRunId, setSeenRunId] = useState(runId);
  if (seenRunId !== runId) {
    setSeenRunId(runId);
    setMap(null);
    setSelectedId(null);
    setPassCount(null);
    setProgress(null);
  }
  useEffect(() => {
    cache.current.clear();
    latestRequest.current++;
    tsne.current?.cancel();
    mapRef.current = null;
  }, [runId]);

  // The snapshot list: now, on every change of the run's status, and every few seconds while training.
  useEffect(() => {
    if (!engine) return;
    let live = true;
    const poll = () => engine.verdictStatus().then((next) => live && setStatus(next));
    void poll();
    const timer = training ? setInterval(() => void poll(), POLL_MS) : undefined;
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [engine, training, runId, statusKey]);

  const snapshots: SnapshotInfo[] = status?.kind === 'ready' ? status.snapshots : [];
  // Until the user picks one, the map follows the latest snapshot.
  const selected = snapshots.find((s) => s.id === selectedId) ?? snapshots.at(-1) ?? null;

  const compute = useCallback(
    async (snapshot: SnapshotInfo, mode: 'fresh' | 'follow') => {
      if (!engine || !tsne.current) return;
      const request = ++latestRequest.current;
      const key = [snapshot.id, seed, ...Object.values(options)].join('|');
      const previous = mode === 'fresh' ? null : mapRef.current;
      const cached = mode === 'follow' ? cache.current.get(key) : undefined;
      const show = (data: VerdictMapData) => {
        mapRef.current = data;
        setMap(data);
      };
      if (cached) {
        tsne.current.cancel();
        setProgress(null);
        return show(cached);
      }
      if (mode === 'fresh') cache.current.clear();
      setProgress({ done: 0, total: options.iterations });
      const sample = await engine.verdicts({ snapshotId: snapshot.id, ...options });
      if (request !== latestRequest.current) return;
      if (!sample.ok) {
        setProgress(null);
        return onError(sample.error);
      }
      const keys = pointKeys(sample.value);
      const embedded = await tsne.current.embed(
        {
          data: sample.value.encoded,
          dim: sample.value.dim,
          perplexity: options.perplexity,
          iterations: options.iterations,
          seed,
          init: warmStartFrom(keys, previous),
        },
        (p) => {
          if (request === latestRequest.current) setProgress(p);
        },
      );
      if (request !== latestRequest.current) return;
      setProgress(null);
      if (!embedded.ok) {
        if (embedded.error !== CANCELLED) onError(embedded.error);
        return;
      }
      const data = {
        sample: sample.value,
        keys,
        positions: alignWithPrevious(embedded.value, keys, previous),
      };
      if (cache.current.size >= CACHE_SIZE) cache.current.clear();
      cache.current.set(key, data);
      show(data);
    },
    [engine, options, seed, onError],
  );

  // The map follows the snapshot the stepper names: when a newer one becomes the selection (the latest,
  // while training), it is mapped and animated to. One map at a time: a computation in flight finishes,
  // then this catches up with the latest, so a fast run never starves the map.
  const mapped = map?.sample.snapshot.id ?? null;
  const busy = progress !== null;
  useEffect(() => {
    if (mapped === null || !selected || selected.id === mapped || busy) return;
    const timer = setTimeout(() => void compute(selected, 'follow'));
    return () => clearTimeout(timer);
  }, [mapped, selected, busy, compute]);

  const select = useCallback(
    (snapshot: SnapshotInfo) => {
      setSelectedId(snapshot.id);
      // Stepping animates only once there is a map to step from.
      if (mapRef.current) void compute(snapshot, 'follow');
    },
    [compute],
  );

  const takeSnapshot = useCallback(async () => {
    if (!engine) return;
    const taken = await engine.takeSnapshot();
    if (!taken.ok) return onError(taken.error);
    await refresh();
    select(taken.value);
  }, [engine, refresh, select, onError]);

  const setInterval_ = useCallback(
    async (steps: number) => {
      if (!engine) return;
      const result = await engine.setSnapshotInterval(steps);
      if (!result.ok) return onError(result.error);
      await refresh();
    },
    [engine, refresh, onError],
  );

  const count = useCallback(
    async (rows: number) => {
      if (!engine) return;
      setCounting(true);
      const result = await engine.passCount(rows);
      setCounting(false);
      if (result.ok) setPassCount(result.value);
      else onError(result.error);
    },
    [engine, onError],
  );

  return {
    status,
    snapshots,
    selected,
    options,
    setOptions,
    map,
    progress,
    passCount,
    counting,
    compute,
    select,
    takeSnapshot,
    setSnapshotInterval: setInterval_,
    count,
  };
}
