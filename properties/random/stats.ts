/**
 * Small, deterministic statistical tests for the random network G. They run at fixed seeds, so a
 * verdict never changes between runs; the level alpha = 1e-6 only says how surprising a
 * rejection would be for a genuinely uniform, independent generator.
 */

/** The level of every test in the suite. */
export const ALPHA = 1e-6;

/**
 * Kolmogorov-Smirnov statistic D_n = sup |F_n - F| of a sample against a continuous CDF.
 * (G's law is the uniform grid of step 2^-52 on (-1, 1); its CDF is within 2^-52 of the
 * continuous one, negligible against any critical value used here.)
 */
export function ksStatistic(sample: ArrayLike<number>, cdf: (x: number) => number): number {
  const xs = Float64Array.from(sample).sort();
  const n = xs.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(xs[i] as number);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/**
 * The Dvoretzky-Kiefer-Wolfowitz-Massart critical value: P(D_n > c) <= 2 exp(-2 n c^2) = alpha
 * for c = sqrt(ln(2 / alpha) / (2n)), valid for every n (no asymptotics).
 */
export function dkwCritical(n: number, alpha = ALPHA): number {
  return Math.sqrt(Math.log(2 / alpha) / (2 * n));
}

/** CDF of U[-1, 1]. */
export const uniformPm1Cdf = (x: number): number => (x <= -1 ? 0 : x >= 1 ? 1 : (x + 1) / 2);
/** CDF of U[0, 1]. */
export const uniform01Cdf = (x: number): number => (x <= 0 ? 0 : x >= 1 ? 1 : x);

/** True when a sample passes the KS test against U[-1, 1] at level alpha. */
export function ksUniformPm1(sample: ArrayLike<number>, alpha = ALPHA): { d: number; critical: number; pass: boolean } {
  const d = ksStatistic(sample, uniformPm1Cdf);
  const critical = dkwCritical(sample.length, alpha);
  return { d, critical, pass: d <= critical };
}

/**
 * Independence of paired values of U[-1, 1] through the difference: if a and b are independent
 * and a is uniform, (a - b)/2 mod 1 is exactly U[0, 1) whatever b's law is. A reused stream
 * (a = b) gives 0 every time.
 */
export function ksPairDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  alpha = ALPHA,
): { d: number; critical: number; pass: boolean } {
  const n = a.length;
  const diff = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = ((a[i] as number) - (b[i] as number)) / 2;
    diff[i] = t < 0 ? t + 1 : t;
  }
  const d = ksStatistic(diff, uniform01Cdf);
  const critical = dkwCritical(n, alpha);
  return { d, critical, pass: d <= critical };
}

/**
 * Pearson correlation of two samples (reported, not tested: see {@link productMeanTest}).
 */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] as number;
    mb += b[i] as number;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = (a[i] as number) - ma;
    const y = (b[i] as number) - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return sab / Math.sqrt(saa * sbb);
}

/**
 * Uncorrelatedness of paired values in [-1, 1] with mean exactly 0 (the grid of u = 2r - 1 is
 * symmetric): for independent pairs E[a b] = 0 and a_i b_i lies in [-1, 1], so by Hoeffding
 * P(|mean(a_i b_i)| >= t) <= 2 exp(-n t^2 / 2). Non-asymptotic; t = sqrt(2 ln(2/alpha) / n).
 */
export function productMeanTest(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  alpha = ALPHA,
): { mean: number; critical: number; pass: boolean } {
  const n = a.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += (a[i] as number) * (b[i] as number);
  const mean = s / n;
  const critical = Math.sqrt((2 * Math.log(2 / alpha)) / n);
  return { mean, critical, pass: Math.abs(mean) < critical };
}

/**
 * Exact two-sided binomial test of H0: p = 1/2. Returns whether the p-value
 * P(|K - n/2| >= |k - n/2|) exceeds alpha, decided exactly in integers.
 */
export function binomialHalfTest(k: number, n: number, alpha = ALPHA): { pValue: number; pass: boolean } {
  const dev = Math.abs(2 * k - n); // |2k - n|
  // sum of C(n, i) over i with |2i - n| >= dev
  let c = 1n; // C(n, 0)
  let tail = 0n;
  for (let i = 0; i <= n; i++) {
    if (Math.abs(2 * i - n) >= dev) tail += c;
    c = (c * BigInt(n - i)) / BigInt(i + 1);
  }
  const total = 1n << BigInt(n);
  // pass iff tail / 2^n > alpha, with alpha = 1 / A for integer A (alpha = 1e-6 -> A = 10^6)
  const inv = Math.round(1 / alpha);
  if (Math.abs(1 / inv - alpha) > 1e-18) throw new RangeError('alpha must be 1/integer');
  const pass = tail * BigInt(inv) > total;
  // a float estimate of the p-value for messages (exact decision above)
  const shift = Math.max(0, total.toString(2).length - 60);
  const pValue = Number(tail >> BigInt(shift)) / Number(total >> BigInt(shift));
  return { pValue, pass };
}
