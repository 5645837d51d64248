/**
 * The voters of bench/ballots.ts: a child process (so it does not share the server's event loop)
 * that sends each voter's ballot at its scheduled moment, whether or not earlier ones have been
 * answered (open loop), over keep-alive connections. Latency counts from the scheduled moment, so a
 * server falling behind is not hidden.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { summarize, type Summary } from './stats';

export interface VoterJob {
  url: string;
  path: string;
  /** Ballots per second, offered on a fixed schedule. */
  rate: number;
  maxSockets: number;
  voters: { cookie: string; body: string; repeats: number }[];
}

export interface VoterResult {
  sent: number;
  seconds: number;
  achievedRps: number;
  statusCodes: Record<string, number>;
  errors: number;
  latency: Summary;
  /** The receipts of the accepted ballots, by voter index. */
  receipts: (string | null)[];
}

function post(agent: http.Agent, url: URL, path: string, cookie: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    request.on('error', reject);
    request.setTimeout(30_000, () => request.destroy(new Error('timeout')));
    request.end(body);
  });
}

async function run(job: VoterJob): Promise<VoterResult> {
  const url = new URL(job.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.maxSockets });
  const statusCodes: Record<string, number> = {};
  const latencies: number[] = [];
  const receipts: (string | null)[] = job.voters.map(() => null);
  let errors = 0;
  let sent = 0;
  const started = performance.now();
  let lastAnswer = started;
  const pending: Promise<void>[] = [];
  const send = (index: number, due: number) => {
    const voter = job.voters[index];
    sent += 1;
    return post(agent, url, job.path, voter.cookie, voter.body).then(
      ({ status, text }) => {
        const now = performance.now();
        lastAnswer = Math.max(lastAnswer, now);
        latencies.push(now - due);
        statusCodes[status] = (statusCodes[status] ?? 0) + 1;
        if (status === 201) {
          receipts[index] = (JSON.parse(text) as { receipt: string }).receipt;
        }
      },
      () => {
        errors += 1;
      },
    );
  };
  for (let index = 0; index < job.voters.length; index += 1) {
    const due = started + (index * 1000) / job.rate;
    const wait = due - performance.now();
    if (wait > 1) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    // A voter who taps twice sends the same ballot again at once.
    for (let copy = 0; copy < job.voters[index].repeats; copy += 1) {
      pending.push(send(index, due));
    }
  }
  await Promise.all(pending);
  agent.destroy();
  const seconds = (lastAnswer - started) / 1000;
  return { sent, seconds, achievedRps: (statusCodes['201'] ?? 0) / seconds, statusCodes, errors, latency: summarize(latencies), receipts };
}

process.on('message', (job: VoterJob) => {
  run(job).then(
    (result) => process.send!(result, () => process.disconnect()),
    (error: unknown) => process.send!({ error: String(error) }, () => process.disconnect()),
  );
});
