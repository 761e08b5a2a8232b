/**
 * Makes every property run reproducible: fast-check's global seed is fixed (override with
 * FC_SEED=<integer>), so `npm test` explores the same cases on every machine. A failing property
 * prints its seed and path as usual.
 */
import fc from 'fast-check';

const seed = process.env['FC_SEED'] === undefined ? 20261125 : Number(process.env['FC_SEED']);
fc.configureGlobal({ seed });
