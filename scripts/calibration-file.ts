/**
 * The committed output of a calibration script (fixtures/calibration/*.json): written atomically,
 * or, with `--check`, compared with a fresh run (exit 1 when they differ), shared by
 * calibrate-lueker.ts and calibrate-subset.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../src/files/write.js';

/**
 * Writes `text` to `outFile`, or with `check` exits 1 when the committed file differs from it.
 *
 * @example
 * ```ts
 * writeOrCheckCalibration('fixtures/calibration/lueker.json', text, false, 'calibrate-lueker');
 * ```
 */
export function writeOrCheckCalibration(outFile: string, text: string, check: boolean, name: string): void {
  if (!check) {
    writeFileAtomic(outFile, text);
    return;
  }
  const old = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
  if (old !== text) {
    console.error(`${name}: ${outFile} differs from a fresh calibration`);
    process.exit(1);
  }
}
