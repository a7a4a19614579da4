/**
 * The page's client of the one long-lived training worker: it spawns the worker, wraps it with Comlink
 * so calls are typed by `EngineApi`, forwards the worker's events to one listener, and survives the
 * worker. A worker that fails, that stops answering a ping, or whose backend fails under the run (a
 * lost GPU device, a failed first step) is replaced: what it had pending fails with a message, a new
 * worker starts (its backend probe skips a backend that fails its first step, and any that failed
 * under the run), the table is rebuilt by replaying the calls that made it, and the run resumes from
 * its last checkpoint (continuing to train if it was). The page keeps one `engine` object throughout.
 */
import * as Comlink from 'comlink';
import type {
  BackendName,
  EngineApi,
  EngineEvent,
  Result,
  RunCheckpoint,
  TableView,
  TrainingSettings,
  TrainingStatus,
} from '../src/api';

export type Engine = Comlink.Remote<EngineApi>;

const PING_EVERY_MS = 2_000;
/**
 * A worker silent this long is stuck. Training yields to messages every ~50 ms and every request is
 * far shorter; the worker's start-up (scripts, backend probe) does not count: the watch starts at its
 * first answer.
 */
export const HUNG_AFTER_MS = 20_000;
/** More restarts than this within a minute means the page itself is the problem. */
const MAX_RESTARTS = 3;

type Method = keyof EngineApi;
/** A call that shaped the worker's table, as made: another worker given the same calls builds the same table. */
export interface TableCall {
  method: Method;
  args: unknown[];
}
/** Calls whose success shapes the table: replayed, in order, on a new worker. A load starts afresh. */
const TABLE_CALLS: ReadonlySet<Method> = new Set([
  'loadFile',
  'loadUrl',
  'setColumnKind',
  'setTarget',
  'setHoldoutShare',
]);
const LOADS: ReadonlySet<Method> = new Set(['loadFile', 'loadUrl']);
/** Calls that set how the worker trains, not what: the last of each is made again on a new worker. */
const PACE_CALLS: ReadonlySet<Method> = new Set(['setPace']);

interface Live {
  worker: Worker;
  remote: Engine;
  /** When the unanswered ping was sent; null when none is out. Null `answered` until the first reply. */
  pingSince: number | null;
  answered: boolean;
  /** Its backend once chosen; null if none could start. */
  backend: Promise<BackendName | null>;
  /**
   * While it takes over a run: its progress so far (the table's reload, under a run id of its own), held
   * back so the page's curves are not wiped before the run resumes; the last is sent once it has.
   */
  held: { progress: EngineEvent | null } | null;
}

export function startEngine(onEvent: (event: EngineEvent) => void): {
  engine: Engine;
  stop: () => void;
  /** The calls that made the loaded table, in order: how a saved run rebuilds it after a reload. */
  tableCalls: () => TableCall[];
} {
  let checkpoint: RunCheckpoint | null = null;
  let status: TrainingStatus = 'idle';
  let tableCalls: TableCall[] = [];
  const paceCalls = new Map<Method, unknown[]>();
  const pending = new Set<(error: Error) => void>();
  const restarts: number[] = [];
  /** Backends that failed under a run on this page: no new worker uses them. */
  const avoid: BackendName[] = [];
  let stopped = false;

  const listen = (live: Live, event: EngineEvent) => {
    if (event.type === 'backend-failed') {
      if (!avoid.includes(event.backend)) avoid.push(event.backend);
      if (current === live) void replace(`left ${event.backend}: ${event.message}`);
      return;
    }
    if (event.type === 'progress' && live.held) {
      live.held.progress = event;
      return;
    }
    if (event.type === 'checkpoint') checkpoint = event.checkpoint;
    if (event.type === 'progress') {
      status = event.progress.status;
      // Reset, a new table or a new run: the old run's checkpoint is no longer the run.
      if (status === 'idle' || event.progress.runId !== checkpoint?.runId) checkpoint = null;
    }
    onEvent(event);
  };

  const spawn = (): Live => {
    const worker = new Worker(new URL('../src/worker/engine.worker.ts', import.meta.url), { type: 'module' });
    const remote = Comlink.wrap<EngineApi>(worker);
    const live: Live = {
      worker,
      remote,
      pingSince: null,
      answered: false,
      backend: Promise.resolve(null),
      held: null,
    };
    worker.addEventListener('error', (event) => {
      if (current === live) void replace(`failed (${event.message || 'unknown error'})`);
    });
    live.backend = remote
      .init(
        Comlink.proxy((event: EngineEvent) => listen(live, event)),
        [...avoid],
      )
      .then(
        (info) => info.name,
        (error: unknown) => {
          onEvent({ type: 'alert', message: `No TensorFlow.js backend could start: ${String(error)}` });
          return null;
        },
      );
    return live;
  };

  let current = spawn();
  /** Settles with the worker to call once it is ready (after a replacement, once it has taken over). */
  let ready: Promise<Live> = Promise.resolve(current);

  /** Retires the current worker and has a new one take over its table and run. */
  const replace = async (what: string) => {
    const dead = current;
    const saved = checkpoint;
    const wasTraining = status === 'training';
    dead.worker.terminate();
    dead.remote[Comlink.releaseProxy]();
    const error = new Error(`The training worker ${what}.`);
    for (const reject of pending) reject(error);
    pending.clear();
    const now = performance.now();
    while (restarts.length > 0 && now - restarts[0]! > 60_000) restarts.shift();
    if (restarts.length >= MAX_RESTARTS) {
      stopped = true;
      onEvent({ type: 'alert', message: `The training worker ${what} again. Reload the page.` });
      return;
    }
    restarts.push(now);
    current = spawn();
    const taking = current;
    if (saved) taking.held = { progress: null };
    ready = (async () => {
      let from = '';
      try {
        const backend = await taking.backend;
        if (avoid.length > 0 && backend) from = ` on ${backend}`;
        // Results are not checked: each call did succeed once on the same input.
        for (const { method, args } of tableCalls) await callOn(taking, method, args);
        // The pace (steps per frame) the page chose goes on too.
        for (const [method, args] of paceCalls) await callOn(taking, method, args);
        const resumed = saved ? await taking.remote.resume(saved) : null;
        // The resumed run's progress (the same run id): the page keeps its curves up to its step.
        const held = taking.held?.progress ?? null;
        taking.held = null;
        if (resumed?.ok) listen(taking, { type: 'progress', progress: resumed.value });
        else if (held) listen(taking, held);
        if (saved && resumed?.ok) {
          from = ` from step ${saved.checkpoint.step.toLocaleString('en')}${from}`;
          if (wasTraining) await taking.remote.train(saved.checkpoint.settings as TrainingSettings);
        }
      } catch {
        // The new worker died too: the heartbeat or its error event replaces it in turn.
      }
      onEvent({ type: 'alert', message: `The training worker ${what}; a new one took over${from}.` });
      return taking;
    })();
  };

  const heartbeat = window.setInterval(() => {
    const live = current;
    if (stopped) return;
    if (live.pingSince !== null) {
      if (live.answered && performance.now() - live.pingSince > HUNG_AFTER_MS) {
        live.pingSince = null;
        void replace('stopped responding');
      }
      return;
    }
    live.pingSince = performance.now();
    void live.remote.ping().then(() => {
      live.pingSince = null;
      live.answered = true;
    });
  }, PING_EVERY_MS);

  /** Calls the worker, failing with a message if it dies first. */
  const callOn = (live: Live, method: Method, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      pending.add(reject);
      const call = live.remote[method] as unknown as (...a: unknown[]) => Promise<unknown>;
      call(...args)
        .then(resolve, reject)
        .finally(() => pending.delete(reject));
    });

  const call = async (method: Method, args: unknown[]) => {
    if (stopped) throw new Error('The training worker has stopped. Reload the page.');
    const live = await ready;
    const result = await callOn(live, method, args);
    if (TABLE_CALLS.has(method) && (result as { ok?: boolean } | undefined)?.ok) {
      if (LOADS.has(method)) tableCalls = [];
      tableCalls.push({ method, args });
    }
    if (PACE_CALLS.has(method) && (result as { ok?: boolean } | undefined)?.ok) paceCalls.set(method, args);
    return result;
  };

  // Every property is a call to the worker, except `then`: the engine must not look like a promise.
  const engine = new Proxy({} as Engine, {
    get: (_, method) =>
      typeof method !== 'string' || method === 'then'
        ? undefined
        : (...args: unknown[]) => call(method as Method, args),
  });
  return {
    engine,
    tableCalls: () => tableCalls.map(({ method, args }) => ({ method, args: [...args] })),
    stop: () => {
      stopped = true;
      clearInterval(heartbeat);
      current.remote[Comlink.releaseProxy]();
      current.worker.terminate();
    },
  };
}

/**
 * Builds on `engine` the table another worker built, by making the calls it received (a file picked
 * once is read again from the same Blob, not picked again). The last call's answer: the table, or why not.
 */
export async function replayTable(engine: Engine, calls: readonly TableCall[]): Promise<Result<TableView>> {
  let last: Result<TableView> = { ok: false, error: 'No table is loaded.' };
  for (const { method, args } of calls) {
    const call = engine[method] as unknown as (...a: unknown[]) => Promise<Result<TableView>>;
    last = await call(...args);
    if (!last.ok) return last;
  }
  return last;
}
