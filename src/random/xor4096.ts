/**
 * A monomorphic re-implementation of Richard Brent's xorgen (4096-bit state, Weyl sequence) with
 * the string seeding and the `.double()` of `seedrandom.xor4096`. It exists only for speed: every
 * value equals `seedrandom.xor4096(seed).double()` bit for bit, which the property suite checks on
 * many seeds, and the trusted kernel reads weights through seedrandom itself, so the two
 * implementations check each other.
 */

/**
 * Streaming xor4096 generator seeded from a string.
 *
 * @example
 * ```ts
 * const g = new Xor4096('slth-g/1:s/1/0/0');
 * g.double(); // same as seedrandom.xor4096('slth-g/1:s/1/0/0').double()
 * ```
 */
export class Xor4096 {
  private readonly X = new Int32Array(128);
  private w = 0;
  private i = 0;

  constructor(seed: string) {
    this.seed(seed);
  }

  /** Re-seeds in place (no allocation), exactly as seedrandom seeds from a string. */
  seed(seedText: string): void {
    const X = this.X;
    X.fill(0);
    const s = seedText + '\0';
    const limit = Math.max(128, s.length);
    let v = 0;
    let w = 0;
    let zeros = 0;
    for (let j = -32; j < limit; ++j) {
      v ^= s.charCodeAt((j + 32) % s.length);
      if (j === 0) w = v;
      v ^= v << 10;
      v ^= v >>> 15;
      v ^= v << 4;
      v ^= v >>> 13;
      if (j >= 0) {
        w = (w + 0x61c88647) | 0;
        const t = (X[j & 127] = (X[j & 127] as number) ^ ((v + w) | 0));
        zeros = t === 0 ? zeros + 1 : 0;
      }
    }
    if (zeros >= 128) X[s.length & 127] = -1;
    let i = 127;
    for (let j = 4 * 128; j > 0; --j) {
      let a = X[(i + 34) & 127] as number;
      i = (i + 1) & 127;
      let t = X[i] as number;
      a ^= a << 13;
      t ^= t << 17;
      a ^= a >>> 15;
      t ^= t >>> 12;
      X[i] = a ^ t;
    }
    this.w = w;
    this.i = i;
  }

  /** The next 32-bit output as a signed integer (seedrandom's `int32`). */
  int32(): number {
    const X = this.X;
    const w = (this.w = (this.w + 0x61c88647) | 0);
    let v = X[(this.i + 34) & 127] as number;
    const i = (this.i = (this.i + 1) & 127);
    let t = X[i] as number;
    v ^= v << 13;
    t ^= t << 17;
    v ^= v >>> 15;
    t ^= t >>> 12;
    v = X[i] = v ^ t;
    return (v + (w ^ (w >>> 16))) | 0;
  }

  /** A double in (0, 1) with 53 random bits (seedrandom's `.double()`, which skips 0). */
  double(): number {
    for (;;) {
      const top = this.int32() >>> 11;
      const bot = (this.int32() >>> 0) / 0x100000000;
      const result = (top + bot) / (1 << 21);
      if (result !== 0) return result;
    }
  }

  /**
   * Fills `out` with `2 * double() - 1` for consecutive draws, keeping the generator state in
   * locals (the same values as calling {@link double} repeatedly, only faster).
   */
  fillUniform(out: Float64Array): void {
    const X = this.X;
    let w = this.w;
    let i = this.i;
    const n = out.length;
    for (let k = 0; k < n; k++) {
      let result = 0;
      do {
        w = (w + 0x61c88647) | 0;
        let v = X[(i + 34) & 127] as number;
        i = (i + 1) & 127;
        let t = X[i] as number;
        v ^= v << 13;
        t ^= t << 17;
        v ^= v >>> 15;
        t ^= t >>> 12;
        v = X[i] = v ^ t;
        const top = ((v + (w ^ (w >>> 16))) | 0) >>> 11;
        w = (w + 0x61c88647) | 0;
        let v2 = X[(i + 34) & 127] as number;
        i = (i + 1) & 127;
        let t2 = X[i] as number;
        v2 ^= v2 << 13;
        t2 ^= t2 << 17;
        v2 ^= v2 >>> 15;
        t2 ^= t2 >>> 12;
        v2 = X[i] = v2 ^ t2;
        const bot = (((v2 + (w ^ (w >>> 16))) | 0) >>> 0) / 0x100000000;
        result = (top + bot) / (1 << 21);
      } while (result === 0);
      out[k] = 2 * result - 1;
    }
    this.w = w;
    this.i = i;
  }
}
