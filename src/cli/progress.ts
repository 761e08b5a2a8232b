/**
 * A one-line progress bar with rate and ETA on stderr. It draws only on an interactive terminal
 * (never under --json or when stderr is not a TTY) and uses no colour, so NO_COLOR is honoured.
 */
import type { Io } from './command.js';

/** A progress reporter: `tick(done, total)`, then `done()`. */
export interface Progress {
  tick(done: number, total: number): void;
  done(): void;
}

/**
 * A progress bar for a task (silent when `io` is not interactive).
 *
 * @example
 * ```ts
 * const p = progressBar(io, 'construct'); p.tick(5, 10); p.done();
 * ```
 */
export function progressBar(io: Io, label: string, quiet = false): Progress {
  if (!io.interactive || quiet) return { tick: () => undefined, done: () => undefined };
  const start = Date.now();
  let last = 0;
  let drawn = false;
  return {
    tick(done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const frac = total > 0 ? done / total : 1;
      const width = 24;
      const filled = Math.round(frac * width);
      const secs = (now - start) / 1000;
      const rate = secs > 0 ? done / secs : 0;
      const eta = rate > 0 ? (total - done) / rate : 0;
      process.stderr.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${rate.toFixed(1)}/s ETA ${eta.toFixed(0)}s `,
      );
      drawn = true;
    },
    done() {
      if (drawn) process.stderr.write('\n');
    },
  };
}
