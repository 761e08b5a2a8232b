/**
 * The kernel's caps: what it refuses to read or to decide, so that any certificate within them is
 * decided in time linear in its size (`npm run bench:kernel` measures the adversarial cases).
 *
 * - Reading (`slth check`, `slth error CERT`): at most {@link MAX_CERTIFICATE_BYTES} of strict
 *   JSON (no repeated key), nested at most {@link MAX_CERTIFICATE_DEPTH} deep, no string longer
 *   than {@link MAX_EXACT_CHARS} and no number literal longer than {@link MAX_NUMBER_CHARS}.
 * - Exact numbers: at most {@link MAX_EXACT_CHARS} characters, and an exponent of at most
 *   {@link MAX_EXPONENT} in absolute value (`"1e-100000"` is refused: a few characters must not
 *   cost a 100000-digit power, and `"1e19990"` takes milliseconds to read, `"1e400"` microseconds). A denominator that
 *   is not a power of two has at most {@link MAX_TARGET_DEN_BITS} bits in a target weight and
 *   {@link MAX_DEN_BITS} bits elsewhere (a gadget error carries the 2^-104 of its products on top of
 *   its weight's denominator). Dyadic numbers (every float64, every weight of G) have no other cap:
 *   their arithmetic needs no gcd.
 * - The exact test of ||W||_2 <= 1: see {@link PSD_MAX_COST}.
 *
 * Exit codes: a cap on reading or on exact numbers makes the certificate malformed (exit 2); an
 * exact test beyond its cap makes it undecidable here (exit 2).
 */

/** Largest certificate file read, in bytes (64 MiB: about 10^5 gadgets as `slth construct` writes them). */
export const MAX_CERTIFICATE_BYTES = 64 * 1024 * 1024;
/** Deepest nesting of arrays and objects (a certificate needs 5: document, target, layers, layer, row). */
export const MAX_CERTIFICATE_DEPTH = 16;
/** Longest string, and so longest exact number (a depth-l chain total has about 80 l characters). */
export const MAX_EXACT_CHARS = 20_000;
/** Longest JSON number literal (unit indices below 2^53, float64 weights). */
export const MAX_NUMBER_CHARS = 32;
/** Largest |exponent| of an exact number written with one (delta >= 1e-300 needs 300). */
export const MAX_EXPONENT = 400;
/** Largest denominator that is not a power of two, in bits, of a target weight. */
export const MAX_TARGET_DEN_BITS = 1024;
/** Largest denominator that is not a power of two, in bits, of any other exact number. */
export const MAX_DEN_BITS = 1152;
/**
 * Cost cap of the exact tests of ||W_i||_2 <= 1 of one certificate, summed over its layers. One
 * test on a layer with n = min(n_i, n_{i-1}) costs about n^5 beta^2 bit operations, beta being the
 * bit length of the integer matrix D^2 I - (D W)^T (D W) (D the common denominator of the layer):
 * its fraction-free elimination (Bareiss) works on minors of up to n beta bits. 2.5 * 10^13 is
 * about 1 s on the 2-core development machine: a dense 64 x 64 layer of 64-bit weights (cost
 * 2.2 * 10^13) takes 0.9 s, 128 x 128 with 7-bit weights 0.8 s, 16 x 16 with 2040-bit weights
 * 0.5 s. Beyond it the kernel refuses the certificate as undecidable here.
 */
export const PSD_MAX_COST = 2.5e13;
/** Cap of the products n^2 m of the Gram matrices (n x n from an n x m layer) one certificate may need. */
export const GRAM_MAX_PRODUCTS = 2 ** 24;
/** Largest common denominator of a layer for the exact test, in bits. */
export const PSD_MAX_DEN_BITS = 4096;
/**
 * Most units k_i n_{i-1} of one gadget layer of G in a subset certificate (2^26): the kernel holds
 * the limbs of every u of a layer (24 bytes a unit, 1.5 GiB at the cap). Beyond it the certificate
 * is undecidable here. `slth construct` refuses such pools (the same cap).
 */
export const MAX_SUBSET_UNITS = 2 ** 26;
/** Largest eps `slth construct` accepts, hence the largest a certificate may state. */
export const EPS_MAX = 1_000_000;
