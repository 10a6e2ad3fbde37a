// @ts-check
// Small statistics for the benchmarks: percentiles by the nearest-rank method (a reported p99 is
// a sample that really happened, never an interpolation), medians, and a least-squares slope.

/**
 * The p-th percentile (0 < p ≤ 100) of `values`, nearest rank.
 * @param {ArrayLike<number>} values
 * @param {number} p
 * @returns {number}
 */
export function percentile(values, p) {
  if (values.length === 0) throw new Error("percentile of no samples");
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return /** @type {number} */ (sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]);
}

/**
 * @param {ArrayLike<number>} values
 * @returns {number}
 */
export function median(values) {
  if (values.length === 0) throw new Error("median of no samples");
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  const at = (/** @type {number} */ i) => /** @type {number} */ (sorted[i]);
  return sorted.length % 2 === 1 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}

/**
 * Slope of the least-squares line through (xs[i], ys[i]).
 * @param {number[]} xs
 * @param {number[]} ys
 */
export function slope(xs, ys) {
  const n = xs.length;
  if (n < 2 || ys.length !== n) throw new Error("slope needs two or more points");
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const x = /** @type {number} */ (xs[i]) - meanX;
    const y = /** @type {number} */ (ys[i]) - meanY;
    num += x * y;
    den += x ** 2;
  }
  return num / den;
}

/**
 * @typedef {{ value: number; unit: string; samples: number; note?: string }} Figure
 */

/**
 * One reported figure: every number in results.json carries its unit and sample count.
 * @param {number} value
 * @param {string} unit
 * @param {number} samples
 * @param {string} [note]
 * @returns {Figure}
 */
export function figure(value, unit, samples, note) {
  return note === undefined ? { value: round(value), unit, samples } : { value: round(value), unit, samples, note };
}

/**
 * Rounds to 3 significant decimals without turning small values into 0.
 * @param {number} value
 */
export function round(value) {
  if (!Number.isFinite(value)) return value;
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : magnitude >= 0.01 ? 4 : 6;
  return Number(value.toFixed(digits));
}
