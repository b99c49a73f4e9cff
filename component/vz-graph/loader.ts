/**
 * Loads the `src` attribute: a `.vz.json` document, or a Server-Sent Events stream. The response's
 * content type decides: `text/event-stream` aborts the fetch and opens an EventSource instead
 * (which reconnects by itself, sending Last-Event-ID). Stream events: `graph` (replace), `patch`,
 * `attach` (DESIGN.md "Streaming"). Failures are reported with the URL and what went wrong.
 */
import type { Problem } from '../model/validate.js';

export interface LoaderSink {
  /** A whole document; `stream`: it came from a stream (keep the user's expanded groups). */
  graph(doc: unknown, stream: boolean): void;
  patch(patch: unknown): void;
  attach(event: unknown): void;
  /** A failure that leaves nothing to show (the element shows its error panel). */
  error(message: string, problems?: Problem[]): void;
  /** A non-blocking message (a dropped stream); null clears it. */
  notice(message: string | null): void;
}

export class Loader {
  #abort: AbortController | undefined;
  #source: EventSource | undefined;

  readonly #sink: LoaderSink;

  constructor(sink: LoaderSink) { this.#sink = sink; }

  async load(src: string) {
    this.close();
    const abort = (this.#abort = new AbortController());
    const url = new URL(src, document.baseURI).href;
    let res: Response;
    try {
      res = await fetch(url, { signal: abort.signal, headers: { Accept: 'application/json, text/event-stream;q=0.9' } });
    } catch (e) {
      if (abort.signal.aborted) return;
      return this.#sink.error(`Could not load ${url}: ${e instanceof Error ? e.message : e} (is the server running, and does it allow this origin (CORS)?)`);
    }
    if (abort.signal.aborted) return;
    if (!res.ok) return this.#sink.error(`Could not load ${url}: HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}`);
    if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) {
      abort.abort();
      return this.#stream(url);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      if (!abort.signal.aborted) this.#sink.error(`Could not read ${url}: ${e instanceof Error ? e.message : e}`);
      return;
    }
    if (abort.signal.aborted) return;
    const doc = parseJson(text, url, this.#sink);
    if (doc !== undefined) this.#sink.graph(doc, false);
  }

  #stream(url: string) {
    const source = (this.#source = new EventSource(url));
    const on = (type: string, apply: (data: unknown) => void) =>
      source.addEventListener(type, (ev) => {
        const data = parseJson((ev as MessageEvent).data, `the "${type}" event from ${url}`, this.#sink);
        if (data !== undefined) apply(data);
      });
    on('graph', (d) => this.#sink.graph(d, true));
    on('patch', (d) => this.#sink.patch(d));
    on('attach', (d) => this.#sink.attach(d));
    source.addEventListener('open', () => this.#sink.notice(null));
    source.addEventListener('error', () => {
      if (this.#source !== source) return;
      this.#sink.notice(source.readyState === EventSource.CLOSED
        ? `The stream from ${url} closed. Showing the last graph received.`
        : `Lost the connection to ${url}; reconnecting… Showing the last graph received.`);
    });
  }

  close() {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#source?.close();
    this.#source = undefined;
  }
}

/** JSON.parse with an error that names the source and the line and column. */
function parseJson(text: string, where: string, sink: LoaderSink): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message);
    let at = '';
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split('\n').length;
      at = ` at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
    }
    sink.error(`${where} is not valid JSON${at}: ${message}`, [{ path: '', message: `JSON parse error${at}` }]);
    return undefined;
  }
}
