/**
 * The fast Xor4096 class must equal seedrandom.xor4096 bit for bit: the trusted path reads
 * weights through seedrandom itself, cursors through Xor4096, so any divergence would make the
 * construction and the checker see different networks.
 */
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { Xor4096 } from '../../src/random/xor4096.js';

interface Gen {
  double(): number;
  int32(): number;
}
type Factory = (seed: string) => Gen;

const real: Factory = (seed) => new Xor4096(seed);
/** Broken: seeds with at most 128 characters (ignores the rest of a long seed). */
const truncatesLongSeeds: Factory = (seed) => new Xor4096(seed.slice(0, 127));
/** Broken: seeds with the UTF-8 bytes instead of the UTF-16 code units. */
const utf8Seeding: Factory = (seed) => new Xor4096(Buffer.from(seed, 'utf8').toString('latin1'));
/** Broken: an off-by-one that drops the first draw. */
const offByOne: Factory = (seed) => {
  const g = new Xor4096(seed);
  g.double();
  return g;
};

/** Seeds: ASCII, full unicode (incl. astral characters = surrogate pairs), long strings. */
const seeds = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 100, maxLength: 200 }),
  fc.string({ minLength: 129, maxLength: 600 }),
  fc.string({ unit: 'binary', minLength: 129, maxLength: 300 }),
  fc.constantFrom(
    '',
    '\0',
    'slth-g/1:s/1/0/0',
    'a'.repeat(127),
    'a'.repeat(128),
    'a'.repeat(129),
    '\u{1F600}'.repeat(70),
  ),
);

const sameStream = (make: Factory, draws: number) =>
  fc.property(seeds, (seed) => {
    const ours = make(seed);
    const ref = seedrandom.xor4096(seed);
    for (let i = 0; i < draws; i++) {
      const a = ours.double();
      const b = ref.double();
      if (!Object.is(a, b)) return false;
    }
    // the int32 stream continues in lockstep too
    for (let i = 0; i < 64; i++) if (ours.int32() !== ref.int32()) return false;
    return true;
  });

describe('Xor4096 equals seedrandom.xor4096 bit for bit', () => {
  it('double() on many seeds (ascii, unicode, > 128 chars) for thousands of draws', () => {
    fc.assert(sameStream(real, 3000), { numRuns: 300 });
  });
  it('a very long run on a few seeds (several full state cycles of 128 words)', () => {
    for (const seed of ['slth-g/1:long/1/0/0', 'x', '\u00e9\u{1F600}']) {
      const ours = new Xor4096(seed);
      const ref = seedrandom.xor4096(seed);
      let mismatches = 0;
      for (let i = 0; i < 200_000; i++) if (!Object.is(ours.double(), ref.double())) mismatches++;
      expect(mismatches).toBe(0);
    }
  });
  it('re-seeding in place equals a fresh generator', () => {
    const g = new Xor4096('first');
    for (let i = 0; i < 1000; i++) g.double();
    fc.assert(
      fc.property(seeds, fc.integer({ min: 0, max: 300 }), (seed, burn) => {
        for (let i = 0; i < burn; i++) g.int32();
        g.seed(seed);
        const ref = seedrandom.xor4096(seed);
        for (let i = 0; i < 200; i++) if (!Object.is(g.double(), ref.double())) return false;
        return true;
      }),
      { numRuns: 200 },
    );
  });
  it('known first values (regression guard independent of seedrandom)', () => {
    // Documented in seedrandom's xor4096 header for the numeric seed 1 is a different path; these
    // values pin the string path the scheme uses.
    const g = new Xor4096('slth-g/1:golden/1/0/0');
    expect(2 * g.double() - 1).toBe(-0.13380142238644588);
    expect(2 * g.double() - 1).toBe(0.6112008397078297);
  });
  it('negative controls: truncated long seeds, UTF-8 seeding and an off-by-one are all caught', () => {
    for (const broken of [truncatesLongSeeds, utf8Seeding, offByOne]) {
      expect(fc.check(sameStream(broken, 50), { numRuns: 300 }).failed).toBe(true);
    }
  });
});
