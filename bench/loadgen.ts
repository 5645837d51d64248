/**
 * The load generator: a child process (forked by support.ts) so that it does not share the server's
 * event loop. It receives jobs over IPC and answers with their results.
 *
 * - closed loop: autocannon, with every response's latency recorded here for exact p50/p95/p99;
 * - open loop (fixed offered rate): node:http keep-alive agents, latency counted from the moment
 *   each request was due, so a server that falls behind is not hidden (no coordinated omission);
 * - sequential: one GET at a time, for query latency.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import autocannon, { type AutocannonResult } from 'autocannon';
import { noisePng, seededRng, submitBody } from './content';
import {
  summarize,
  type BodySpec,
  type ClosedJob,
  type ClosedResult,
  type CpuUse,
  type LoadJob,
  type LoadResult,
  type OpenJob,
  type OpenResult,
  type SequentialJob,
  type SequentialResult,
} from './stats';

function makeBodies(spec: BodySpec): string[] {
  const rng = seededRng(spec.seed);
  // 128 x 128 noisy pixels: a PNG of about 49 KB (66 KB in base64), a small phone photo.
  const photo = spec.photo ? noisePng(rng, 128, 128).toString('base64') : undefined;
  const count = spec.photo ? 256 : 4096;
  return Array.from({ length: count }, () => JSON.stringify(submitBody(rng, spec.categoryCodes, photo)));
}

/** Unique per request, like the H5 client's Idempotency-Key. */
function keySource(): () => string {
  const tag = randomBytes(6).toString('hex');
  let n = 0;
  return () => `bench-${tag}-${(n += 1)}`;
}

function cpuMeter(): () => CpuUse {
  const startCpu = process.cpuUsage();
  const startAt = performance.now();
  return () => {
    const used = process.cpuUsage(startCpu);
    return { cores: (used.user + used.system) / 1000 / (performance.now() - startAt) };
  };
}

function runAutocannon(job: ClosedJob, seconds: number, onResponse?: (status: number, ms: number) => void) {
  const bodies = makeBodies(job.body);
  const nextKey = keySource();
  let i = 0;
  return new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: job.path,
            setupRequest: (request) => ({
              ...request,
              headers: { 'content-type': 'application/json', 'idempotency-key': nextKey() },
              body: bodies[(i += 1) % bodies.length],
            }),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    if (onResponse) {
      instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => onResponse(status, ms));
    }
  });
}

async function closedLoop(job: ClosedJob): Promise<ClosedResult> {
  if (job.warmupSeconds > 0) {
    await runAutocannon(job, job.warmupSeconds);
  }
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let ok = 0;
  const cpu = cpuMeter();
  const result = await runAutocannon(job, job.seconds, (status, ms) => {
    statusCodes[status] = (statusCodes[status] ?? 0) + 1;
    if (status >= 200 && status < 300) {
      ok += 1;
      latencies.push(ms);
    }
  });
  const seconds = result.duration;
  return {
    kind: 'closed',
    seconds,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    rps: ok / seconds,
    latency: summarize(latencies),
    statusCodes,
    loadgenCpu: cpu(),
  };
}

function post(agent: http.Agent, url: URL, path: string, body: string, key: string): Promise<{ status: number; sentAt: number }> {
  return new Promise((resolve) => {
    let sentAt = performance.now();
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': key },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, sentAt }));
        response.on('error', () => resolve({ status: 0, sentAt }));
      },
    );
    request.on('socket', () => {
      sentAt = performance.now();
    });
    request.setTimeout(30_000, () => request.destroy(new Error('timeout')));
    request.on('error', () => resolve({ status: 0, sentAt }));
    request.end(body);
  });
}

async function openLoop(job: OpenJob): Promise<OpenResult> {
  const bodies = makeBodies(job.body);
  const nextKey = keySource();
  const url = new URL(job.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.maxSockets });
  const interval = 1000 / job.rate;
  const warmupCount = Math.round(job.warmupSeconds * job.rate);
  const total = warmupCount + Math.round(job.seconds * job.rate);
  const latencies: number[] = [];
  const service: number[] = [];
  const statusCodes: Record<string, number> = {};
  const pending: Promise<void>[] = [];
  let ok = 0;
  let failed = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let lastAnswer = 0;
  let cpu: (() => CpuUse) | null = null;
  const t0 = performance.now() + 50;
  const measuredFrom = t0 + warmupCount * interval;

  const fire = (index: number, dueAt: number) => {
    const measured = index >= warmupCount;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    pending.push(
      post(agent, url, job.path, bodies[index % bodies.length], nextKey()).then(({ status, sentAt }) => {
        const now = performance.now();
        inFlight -= 1;
        if (!measured) {
          return;
        }
        statusCodes[status] = (statusCodes[status] ?? 0) + 1;
        if (status >= 200 && status < 300) {
          ok += 1;
          latencies.push(now - dueAt);
          service.push(now - sentAt);
          lastAnswer = Math.max(lastAnswer, now);
        } else {
          failed += 1;
        }
      }),
    );
  };

  let index = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (index < total && t0 + index * interval <= now) {
        if (index === warmupCount) {
          cpu = cpuMeter();
        }
        fire(index, t0 + index * interval);
        index += 1;
      }
      if (index < total) {
        setTimeout(tick, 1);
      } else {
        resolve();
      }
    };
    tick();
  });
  await Promise.all(pending);
  agent.destroy();
  const measuredCount = total - warmupCount;
  return {
    kind: 'open',
    offeredRate: job.rate,
    seconds: job.seconds,
    sent: measuredCount,
    ok,
    failed,
    statusCodes,
    achievedRps: ok / ((Math.max(lastAnswer, measuredFrom + 1) - measuredFrom) / 1000),
    latency: summarize(latencies),
    serviceLatency: summarize(service),
    maxInFlight,
    loadgenCpu: (cpu as (() => CpuUse) | null)?.() ?? { cores: 0 },
  };
}

function get(agent: http.Agent, url: URL, path: string, cookie: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: url.hostname, port: url.port, path, agent, headers: { cookie } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

async function sequential(job: SequentialJob): Promise<SequentialResult> {
  const url = new URL(job.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies = job.requests.map(() => [] as number[]);
  const statusCodes = job.requests.map(() => ({}) as Record<string, number>);
  const totals: (number | null)[] = job.requests.map(() => null);
  for (let round = 0; round < job.warmup + job.iterations; round += 1) {
    for (const [i, request] of job.requests.entries()) {
      const started = performance.now();
      const response = await get(agent, url, request.path, request.cookie);
      const ms = performance.now() - started;
      if (round === 0) {
        const parsed = JSON.parse(response.body) as { total?: number };
        totals[i] = typeof parsed.total === 'number' ? parsed.total : null;
      }
      if (round < job.warmup) {
        continue;
      }
      statusCodes[i][response.status] = (statusCodes[i][response.status] ?? 0) + 1;
      latencies[i].push(ms);
    }
  }
  agent.destroy();
  return {
    kind: 'sequential',
    results: job.requests.map((request, i) => ({
      name: request.name,
      path: request.path,
      latency: summarize(latencies[i]),
      statusCodes: statusCodes[i],
      total: totals[i],
    })),
  };
}

async function run(job: LoadJob): Promise<LoadResult> {
  switch (job.kind) {
    case 'closed':
      return closedLoop(job);
    case 'open':
      return openLoop(job);
    case 'sequential':
      return sequential(job);
  }
}

process.on('message', (message: { id: number; job: LoadJob }) => {
  run(message.job).then(
    (result) => process.send!({ id: message.id, result }),
    (error: unknown) => process.send!({ id: message.id, error: error instanceof Error ? error.stack : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
