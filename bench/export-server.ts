/**
 * The production app in a process of its own, for bench/appeals-export.ts: the memory of this process
 * is what the export benchmark measures, so nothing else (seeding, the HTTP client, the xlsx check)
 * runs here. Configured from the environment like src/main.ts (DATABASE_URL, LIANXIN_SECRET, ...);
 * answers commands over IPC:
 *
 * - `mark`: collect garbage, reset the peaks, and answer with the current memory (the baseline);
 * - `peaks`: answer with the peaks of process.memoryUsage() (sampled every 50 ms) and of the
 *   event-loop delay since the last mark, and the memory now;
 * - `close`: stop listening and exit.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../src/config';
import { allModules } from '../src/modules';
import { buildApp } from '../src/server/app';
import { createContext } from '../src/server/context';

export interface MemoryFigures {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export type ExportServerMessage =
  | { kind: 'listening'; port: number }
  | { kind: 'marked'; id: number; now: MemoryFigures }
  | { kind: 'peaks'; id: number; peak: MemoryFigures; now: MemoryFigures; samples: number; eventLoopDelay: { p99: number; max: number } };

const SAMPLE_MS = 50;

const ctx = createContext(loadConfig(process.env));
const app = await buildApp(ctx, { modules: allModules, serveWeb: false, logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();

const current = (): MemoryFigures => {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers };
};
let peak = current();
let samples = 0;
const sample = () => {
  const now = current();
  samples += 1;
  for (const key of Object.keys(peak) as (keyof MemoryFigures)[]) {
    peak[key] = Math.max(peak[key], now[key]);
  }
};
const timer = setInterval(sample, SAMPLE_MS);
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();

const send = (message: ExportServerMessage) => process.send!(message);

process.on('message', (message: { kind: 'mark' | 'peaks' | 'close'; id: number }) => {
  if (message.kind === 'mark') {
    (globalThis as { gc?: () => void }).gc?.();
    peak = current();
    samples = 0;
    delay.reset();
    send({ kind: 'marked', id: message.id, now: current() });
  } else if (message.kind === 'peaks') {
    sample();
    send({
      kind: 'peaks',
      id: message.id,
      peak: { ...peak },
      now: current(),
      samples,
      eventLoopDelay: { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
    });
  } else {
    clearInterval(timer);
    void app
      .close()
      .then(() => ctx.db.destroy())
      .finally(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));

send({ kind: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
