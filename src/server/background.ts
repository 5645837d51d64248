import { Worker } from 'node:worker_threads';
import type { Config } from '../config';
import type { Outbox } from '../core/events';
import { newWriteLockTurns, type ConnectOptions } from '../db/database';

export interface BackgroundSettings {
  config: Config;
  connect?: ConnectOptions;
  /** Run the scheduled jobs (default); the outbox is handled either way. */
  jobs?: boolean;
}

export type ToBackground = { type: 'drain'; id: number } | { type: 'stop' };
export type FromBackground = { type: 'ready' } | { type: 'drained'; id: number };

const RESTART_AFTER_MS = 1_000;

/**
 * The background thread: the modules' event handlers and the scheduled jobs run there, on a
 * connection of their own, so that segmenting, counting and indexing what people write never holds
 * up a request (measured in bench/appeals-submit.ts: the handlers took a third of the one thread that
 * served every request). To the database it is one more app instance, which the outbox and the job
 * slots already allow for. The request thread only tells it that something committed.
 */
export class BackgroundThread implements Outbox {
  private worker: Worker | null = null;
  private stopping = false;
  private nextDrain = 1;
  private readonly drains = new Map<number, () => void>();
  private readonly writeLockTurns = newWriteLockTurns();
  /** How the request thread connects to the database, to share SQLite's write lock with this thread, going first. */
  readonly requestConnection: ConnectOptions;

  constructor(private readonly settings: BackgroundSettings) {
    this.requestConnection = this.connectionSharingTheLock({ yields: false });
  }

  /** The settings' connection, with this thread's share of SQLite's write lock: the request thread's side or its own. */
  private connectionSharingTheLock({ yields }: { yields: boolean }): ConnectOptions {
    return { ...this.settings.connect, writeLock: { turns: this.writeLockTurns, yields } };
  }

  /** Starts the thread once the database is migrated; resolves when its handlers are registered. */
  async start(): Promise<void> {
    const worker = new Worker(new URL('./backgroundThread.mjs', import.meta.url), {
      workerData: {
        entry: new URL('./backgroundWorker.ts', import.meta.url).href,
        settings: { ...this.settings, connect: this.connectionSharingTheLock({ yields: true }) },
      },
    });
    this.worker = worker;
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromBackground) => {
        if (message.type === 'ready') {
          // From now on the thread does not keep the process alive by itself: a process whose server
          // or test run has ended, without closing the app, still exits.
          worker.unref();
          resolve();
        } else if (message.type === 'drained') {
          this.drains.get(message.id)?.();
          this.drains.delete(message.id);
        }
      });
      worker.on('error', (error) => {
        console.error('background thread failed', error);
        reject(error);
      });
      worker.on('exit', (code) => {
        this.worker = null;
        this.settleDrains();
        if (!this.stopping) {
          // Events stay in the outbox until handled: a new thread picks them up.
          console.error(`background thread exited with code ${code}; restarting`);
          setTimeout(() => {
            if (!this.stopping) {
              this.start().catch((error: unknown) => console.error('background thread failed to start', error));
            }
          }, RESTART_AFTER_MS);
        }
      });
    });
  }

  drain(): Promise<void> {
    const worker = this.worker;
    if (!worker || this.stopping) {
      return Promise.resolve();
    }
    const id = this.nextDrain++;
    return new Promise((resolve) => {
      this.drains.set(id, resolve);
      worker.postMessage({ type: 'drain', id } satisfies ToBackground);
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    if (!worker) {
      return;
    }
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    // Kept alive until the thread has finished its batch and closed its connection.
    worker.ref();
    worker.postMessage({ type: 'stop' } satisfies ToBackground);
    await exited;
  }

  private settleDrains(): void {
    for (const settle of this.drains.values()) {
      settle();
    }
    this.drains.clear();
  }
}
