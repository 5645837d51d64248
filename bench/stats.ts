/** Latency statistics and the messages between a benchmark and its load generator process. */

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles, in milliseconds. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) {
    return { n: 0, mean: NaN, p50: NaN, p95: NaN, p99: NaN, max: NaN };
  }
  const sorted = Float64Array.from(values).sort();
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  let sum = 0;
  for (const value of sorted) {
    sum += value;
  }
  return { n: sorted.length, mean: sum / sorted.length, p50: rank(0.5), p95: rank(0.95), p99: rank(0.99), max: sorted[sorted.length - 1] };
}

export interface CpuUse {
  /** Share of one core the process used during the phase (1 = one full core). */
  cores: number;
}

export interface BodySpec {
  categoryCodes: string[];
  /** Attach one small PNG photo to every submission. */
  photo: boolean;
  seed: number;
}

/** Closed loop: `connections` keep-alive connections, each sending its next request when the last answered. */
export interface ClosedJob {
  kind: 'closed';
  url: string;
  path: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  body: BodySpec;
}

/** Open loop: requests are sent on a fixed schedule whether or not earlier ones have been answered. */
export interface OpenJob {
  kind: 'open';
  url: string;
  path: string;
  rate: number;
  seconds: number;
  warmupSeconds: number;
  maxSockets: number;
  body: BodySpec;
}

/** One request at a time, round-robin over the list, for query latency. */
export interface SequentialJob {
  kind: 'sequential';
  url: string;
  requests: { name: string; path: string; cookie: string }[];
  warmup: number;
  iterations: number;
}

export type LoadJob = ClosedJob | OpenJob | SequentialJob;

export interface ClosedResult {
  kind: 'closed';
  seconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Successful responses per second. */
  rps: number;
  latency: Summary;
  statusCodes: Record<string, number>;
  loadgenCpu: CpuUse;
}

export interface OpenResult {
  kind: 'open';
  offeredRate: number;
  seconds: number;
  sent: number;
  ok: number;
  failed: number;
  statusCodes: Record<string, number>;
  /** Successful responses per second over the measured window (first scheduled send to last answer). */
  achievedRps: number;
  /** From the moment a request was due to be sent (corrects for coordinated omission). */
  latency: Summary;
  /** From the moment a request was actually written to a socket. */
  serviceLatency: Summary;
  maxInFlight: number;
  loadgenCpu: CpuUse;
}

export interface SequentialResult {
  kind: 'sequential';
  results: { name: string; path: string; latency: Summary; statusCodes: Record<string, number>; total: number | null }[];
}

export type LoadResult = ClosedResult | OpenResult | SequentialResult;
