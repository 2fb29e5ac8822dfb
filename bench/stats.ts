// Latency histograms (fixed buckets, cheap to record, mergeable across worker threads), delivery bins
// by receive time, and the small number helpers the report uses.

/** Buckets: 0.1 ms up to 100 ms, 1 ms up to 10 s, 100 ms up to 60 s (last bucket holds the rest). */
const FINE = 1000;
const MEDIUM = 9900;
const COARSE = 500;
export const HISTOGRAM_BUCKETS = FINE + MEDIUM + COARSE;

export interface HistogramData {
  counts: Uint32Array;
  count: number;
  max: number;
}

export function newHistogram(): HistogramData {
  return { counts: new Uint32Array(HISTOGRAM_BUCKETS), count: 0, max: 0 };
}

export function recordLatency(h: HistogramData, ms: number): void {
  const v = ms < 0 ? 0 : ms;
  let i: number;
  if (v < 100) i = Math.floor(v * 10);
  else if (v < 10_000) i = FINE + Math.floor(v - 100);
  else i = Math.min(HISTOGRAM_BUCKETS - 1, FINE + MEDIUM + Math.floor((v - 10_000) / 100));
  h.counts[i]! += 1;
  h.count += 1;
  if (v > h.max) h.max = v;
}

export function mergeHistograms(into: HistogramData, from: HistogramData): void {
  for (let i = 0; i < HISTOGRAM_BUCKETS; i++) into.counts[i]! += from.counts[i]!;
  into.count += from.count;
  if (from.max > into.max) into.max = from.max;
}

/** Upper bound of the bucket holding the `p`-th percentile (0-100); NaN when empty. */
export function percentile(h: HistogramData, p: number): number {
  if (h.count === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * h.count);
  let seen = 0;
  for (let i = 0; i < HISTOGRAM_BUCKETS; i++) {
    seen += h.counts[i]!;
    if (seen >= rank) return Math.min(h.max, upperBound(i));
  }
  return h.max;
}

function upperBound(i: number): number {
  if (i < FINE) return (i + 1) / 10;
  if (i < FINE + MEDIUM) return 100 + (i - FINE) + 1;
  return 10_000 + (i - FINE - MEDIUM + 1) * 100;
}

/** Deliveries counted per 100 ms of receive time; 12,000 bins cover 20 minutes. */
export const BIN_MS = 100;
export const BIN_COUNT = 12_000;

/** Sum of `bins` over [fromMs, toMs) of bench time, whole bins only. */
export function sumBins(bins: Uint32Array, fromMs: number, toMs: number): { count: number; ms: number } {
  const a = Math.max(0, Math.ceil(fromMs / BIN_MS));
  const b = Math.min(bins.length, Math.floor(toMs / BIN_MS));
  let count = 0;
  for (let i = a; i < b; i++) count += bins[i]!;
  return { count, ms: Math.max(0, b - a) * BIN_MS };
}

export function percentileOf(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function round(value: number, digits = 1): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
