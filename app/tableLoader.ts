/**
 * Every table the user asks for is loaded, in the order asked, and the newest request wins:
 * - a request made before the worker is up waits for it (only the newest one: it is the user's intent);
 * - the page's default demo never replaces a table the user chose (nor one the user is loading);
 * - a reply to a request that a newer one replaced is not shown, unless the newer one fails and the
 *   worker kept the older table;
 * - every request ends in a shown table or a message, so the "Reading" line never stays.
 * The worker drops a load that a newer one overtakes (EngineSession keeps the newest), so page and
 * worker agree on the table.
 */
import type { EngineApi, Result, TableView } from '../src/api';

/** A table to load: a file the user chose or dropped, or a demo table shipped with the page. */
export type TableRequest =
  | {
      kind: 'file';
      file: Blob;
      name: string;
      /** Seed of the sample of rows kept from a file too big to keep whole: the Seed setting's. */
      seed: number;
    }
  | {
      kind: 'url';
      url: string;
      name: string;
      /** The column to make the target once loaded (cars.csv predicts miles per gallon). */
      target?: string;
      /** False for the demo the page loads by itself at start-up. */
      byUser: boolean;
    };

export type LoaderEngine = Pick<EngineApi, 'loadFile' | 'loadUrl' | 'setTarget'>;

/**
 * What the loader tells the page: `started` shows "Reading <name>", `finished` ends it. A table the
 * user asked for clears the last message; the default demo does not (it may follow a failed file).
 */
export type LoaderReport =
  | { type: 'load-started'; name: string }
  | { type: 'load-finished'; result: Result<TableView>; byUser: boolean };

export class TableLoader {
  private engine: LoaderEngine | null = null;
  /** The newest request made before the worker was up. */
  private waiting: { id: number; request: TableRequest } | null = null;
  private newest = 0;
  private userAsked = false;
  private shownAny = false;
  /** A table the worker adopted for a request that a newer one replaced: shown if the newer one fails. */
  private unshown: TableView | null = null;
  private defaultRequest: TableRequest | null = null;

  constructor(private readonly report: (report: LoaderReport) => void) {}

  /** The worker is up (or gone, with null). A request that waited for it starts now. */
  connect(engine: LoaderEngine | null): void {
    this.engine = engine;
    const waiting = this.waiting;
    if (engine && waiting) {
      this.waiting = null;
      void this.run(waiting.id, waiting.request);
    }
  }

  /** The user chose a table (or, with `byUser: false`, the page offers its default demo). */
  request(request: TableRequest): void {
    const byUser = isByUser(request);
    if (!byUser) {
      this.defaultRequest = request;
      if (this.userAsked || this.shownAny) return;
    }
    this.userAsked ||= byUser;
    this.start(request);
  }

  private start(request: TableRequest): void {
    const id = ++this.newest;
    this.report({ type: 'load-started', name: request.name });
    if (this.engine) void this.run(id, request);
    else this.waiting = { id, request };
  }

  private async run(id: number, request: TableRequest): Promise<void> {
    const engine = this.engine!;
    let result: Result<TableView>;
    try {
      result = await this.load(engine, id, request);
    } catch (error) {
      result = { ok: false, error: `Could not read ${request.name}: ${String(error)}` };
    }
    if (id !== this.newest) {
      if (result.ok) this.unshown = result.value;
      return;
    }
    if (!result.ok && this.unshown) {
      // The worker holds the table of a replaced request: show it, with the message.
      this.finish({ ok: true, value: this.unshown, warnings: [] }, false);
    }
    this.unshown = null;
    this.finish(result, isByUser(request));
    if (!this.shownAny && this.defaultRequest && request !== this.defaultRequest) {
      // Nothing loaded at all (the user's first file failed): the page still needs a table.
      this.start(this.defaultRequest);
    }
  }

  private async load(engine: LoaderEngine, id: number, request: TableRequest): Promise<Result<TableView>> {
    if (request.kind === 'file') return engine.loadFile(request.file, request.name, request.seed);
    const loaded = await engine.loadUrl(request.url, request.name);
    if (!loaded.ok || request.target === undefined || id !== this.newest) return loaded;
    const target = loaded.value.columns.findIndex((c) => c.name === request.target);
    return target >= 0 && target !== loaded.value.target ? engine.setTarget(target) : loaded;
  }

  private finish(result: Result<TableView>, byUser: boolean): void {
    this.shownAny ||= result.ok;
    this.report({ type: 'load-finished', result, byUser });
  }
}

const isByUser = (request: TableRequest): boolean => request.kind === 'file' || request.byUser;
