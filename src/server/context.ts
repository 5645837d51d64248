import type { Config } from '../config';
import { systemClock, type Clock } from '../core/clock';
import type { AppContext } from '../core/context';
import { FieldCrypto } from '../core/crypto';
import { EventProcessor, type Outbox } from '../core/events';
import { GroupCommit } from '../core/writes';
import { connect, dialectOfUrl, type ConnectOptions, type Db } from '../db/database';

/** Group commit by database, as measured in bench/appeals-submit.ts (see bench/REPORT.md). */
const GROUP_COMMIT = {
  sqlite: { writers: 1, maxBatch: 64 },
  postgres: { writers: 2, maxBatch: 16 },
};

/** Outbox: the pause between batches while events keep coming (EventProcessorOptions.gatherMs). */
const EVENT_GATHER_MS = 50;

export interface ContextOptions {
  clock?: Clock;
  db?: Db;
  connect?: ConnectOptions;
  /** Where committed events are handled: by default in this thread, with the modules' handlers. */
  outbox?: Outbox;
}

export function createContext(config: Config, options: ContextOptions = {}): AppContext {
  const db = options.db ?? connect(config.databaseUrl, options.connect);
  const clock = options.clock ?? systemClock;
  const events =
    options.outbox ??
    new EventProcessor(
      db,
      clock,
      (error, failed) => {
        console.error(`event handler failed for ${failed.length} ${failed[0].type} event(s) from ${failed[0].id}`, error);
      },
      { gatherMs: EVENT_GATHER_MS },
    );
  const crypto = new FieldCrypto(config.masterSecret);
  const writes = new GroupCommit(db, {
    ...GROUP_COMMIT[dialectOfUrl(config.databaseUrl)],
    auditKey: crypto.auditKey,
  });
  return { db, config, clock, crypto, events, writes };
}
