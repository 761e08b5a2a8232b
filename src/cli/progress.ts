/**
 * Progress of long work, always on stderr (stdout carries only results, so `--json` output stays
 * clean): a one-line bar with rate and ETA on an interactive terminal, and, when stderr is not a
 * terminal (CI logs, pipes), a plain line now and then (every {@link LINE_INTERVAL_MS}). `--quiet`
 * silences both. No colour, so NO_COLOR is honoured.
 */
import type { Io } from './command.js';

/** Seconds between two progress lines when stderr is not a terminal. */
export const LINE_INTERVAL_MS = 10_000;

/** A progress reporter: `tick(done, total)`, then `done()`. */
export interface Progress {
  tick(done: number, total: number): void;
  done(): void;
}

/** How progress is shown: a redrawn bar, occasional lines, or nothing. */
export type ProgressMode = 'bar' | 'lines' | 'none';

/**
 * The progress mode of an Io: none when quiet, else the Io's own (a bar on a terminal, lines
 * otherwise; captured test streams show none).
 *
 * @example
 * ```ts
 * progressMode(io, boolFlag(args, 'quiet')); // 'bar' | 'lines' | 'none'
 * ```
 */
export function progressMode(io: Io, quiet: boolean): ProgressMode {
  if (quiet) return 'none';
  return io.progress ?? (io.interactive ? 'bar' : 'none');
}

const SILENT: Progress = { tick: () => undefined, done: () => undefined };

/**
 * A progress reporter for a task of `total` steps.
 *
 * @example
 * ```ts
 * const p = progressBar(io, 'construct'); p.tick(5, 10); p.done();
 * ```
 */
export function progressBar(io: Io, label: string, quiet = false, now: () => number = Date.now): Progress {
  const mode = progressMode(io, quiet);
  if (mode === 'none') return SILENT;
  const start = now();
  let last = mode === 'lines' ? start : 0;
  let drawn = false;
  const figures = (done: number, total: number, t: number): { rate: number; eta: number; secs: number } => {
    const secs = (t - start) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    return { secs, rate, eta: rate > 0 ? (total - done) / rate : 0 };
  };
  if (mode === 'lines') {
    return {
      tick(done, total) {
        const t = now();
        if (t - last < LINE_INTERVAL_MS) return;
        last = t;
        const f = figures(done, total, t);
        const pct = total > 0 ? ((100 * done) / total).toFixed(0) : '100';
        io.err(`${label}: ${done}/${total} (${pct}%), ${f.secs.toFixed(0)} s elapsed, ETA ${f.eta.toFixed(0)} s`);
        drawn = true;
      },
      done() {
        if (drawn) io.err(`${label}: done in ${((now() - start) / 1000).toFixed(0)} s`);
      },
    };
  }
  return {
    tick(done, total) {
      const t = now();
      if (t - last < 100 && done < total) return;
      last = t;
      const frac = total > 0 ? done / total : 1;
      const width = 24;
      const filled = Math.round(frac * width);
      const f = figures(done, total, t);
      process.stderr.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${f.rate.toFixed(1)}/s ETA ${f.eta.toFixed(0)}s `,
      );
      drawn = true;
    },
    done() {
      if (drawn) process.stderr.write('\n');
    },
  };
}

/**
 * A reporter of occasional step messages (audit steps, threshold points): printed in both the bar
 * and the lines mode, silent when quiet.
 *
 * @example
 * ```ts
 * const say = progressSteps(io, quiet); say('[2/5] constructions (12 s)');
 * ```
 */
export function progressSteps(io: Io, quiet: boolean): (line: string) => void {
  return progressMode(io, quiet) === 'none' ? () => undefined : (line) => io.err(line);
}
