/**
 * The status line of work that takes more than a moment: what is happening ("Laying out 116,678
 * nodes…"), how far along when that is known (a percentage, for the sliced phases), and for how
 * long. Shown only after SHOW_AFTER_MS, so quick work never flickers a message; refreshed a few
 * times a second while it lasts.
 */
const SHOW_AFTER_MS = 300;

/**
 * A whole number with thousands separators, "116,678". Not toLocaleString(): its first call in a
 * page sets up ICU number formatting, 25-40 ms of main-thread time, which a status line must not cost.
 */
export const grouped = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const REFRESH_MS = 250;

export class Progress {
  #timer = 0;
  #started = 0;
  #text: () => string = () => '';
  #fraction: number | undefined;

  readonly #show: (status: string | undefined) => void;

  constructor(show: (status: string | undefined) => void) { this.#show = show; }

  /** Starts (or renames) the work shown; the clock keeps running across phases of one job. */
  start(text: () => string) {
    this.#text = text;
    this.#fraction = undefined;
    if (this.#timer) return;
    this.#started = performance.now();
    this.#timer = window.setInterval(() => this.#render(), REFRESH_MS);
    window.setTimeout(() => this.#render(), SHOW_AFTER_MS);
  }

  /** How far along the current phase is, 0..1. */
  at(fraction: number) { this.#fraction = fraction; }

  stop() {
    clearInterval(this.#timer);
    this.#timer = 0;
    this.#show(undefined);
  }

  #render() {
    const ms = performance.now() - this.#started;
    if (!this.#timer || ms < SHOW_AFTER_MS - 1) return;
    const pct = this.#fraction === undefined ? '' : ` ${Math.round(this.#fraction * 100)}%`;
    this.#show(`${this.#text()}${pct} (${(ms / 1000).toFixed(1)} s)`);
  }
}
