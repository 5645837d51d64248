import { sql, type ControlledTransaction, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { deferAudit, type DeferredAudit } from './audit';

export type Work<T> = (trx: Kysely<Database>) => Promise<T>;

interface Queued {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface GroupCommitOptions {
  /** Batches committing at once: 1 on SQLite (one writer at a time anyway), several on PostgreSQL. */
  writers: number;
  /**
   * The most works sharing one commit. On SQLite a commit is the costly part (the WAL write). On
   * PostgreSQL a commit is cheap but the audit chain's head is locked from its update to the
   * commit: a few writers with mid-sized batches take that lock once per batch (measured against
   * one transaction per work with six writers in bench/REPORT.md).
   */
  maxBatch: number;
  auditKey: Buffer;
}

/**
 * Group commit: writes that arrive while a batch is committing wait and then share one transaction,
 * each in its own savepoint. A work that fails rolls back alone and its caller gets the error; the
 * others commit. Each caller's promise settles only after the commit, so a response never reports a
 * write that could still be lost. Commit costs (the WAL write on SQLite, a round trip and the audit
 * chain's head lock on PostgreSQL) are paid once per batch instead of once per write, and the batch's
 * audit entries are chained with one head update just before the commit.
 *
 * Works run one after another, so they see each other's writes as serial transactions would. A work
 * must use the transaction it is given, never `ctx.db` (on SQLite that connection is the one the batch
 * holds) and never `transaction()` of this class again (it would wait for itself).
 */
export class GroupCommit {
  private readonly queue: Queued[] = [];
  private activeWriters = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: GroupCommitOptions,
  ) {}

  transaction<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.startWriter();
    });
  }

  private startWriter(): void {
    if (this.activeWriters >= this.options.writers) {
      return;
    }
    this.activeWriters += 1;
    // Wait for the current turn of the event loop, so the writes it started share the first batch.
    setImmediate(() => {
      void this.writeBatches().finally(() => {
        this.activeWriters -= 1;
        if (this.queue.length > 0) {
          this.startWriter();
        }
      });
    });
  }

  private async writeBatches(): Promise<void> {
    while (this.queue.length > 0) {
      await this.commitBatch(this.queue.splice(0, this.options.maxBatch));
    }
  }

  private async commitBatch(batch: Queued[]): Promise<void> {
    let trx: ControlledTransaction<Database> | null = null;
    let outcomes: Outcome[];
    try {
      trx = await this.db.startTransaction().execute();
      const audit = deferAudit(trx, this.options.auditKey);
      if (batch.length === 1) {
        // Alone in its transaction, a work needs no savepoint: if it fails, the whole transaction is rolled back.
        outcomes = [{ ok: true, value: await batch[0].work(trx) }];
      } else {
        outcomes = [];
        for (const item of batch) {
          outcomes.push(await runInSavepoint(trx, audit, item.work));
        }
      }
      await audit.flush(trx);
      await trx.commit().execute();
    } catch (error) {
      await trx
        ?.rollback()
        .execute()
        .catch(() => undefined);
      for (const item of batch) {
        item.reject(error);
      }
      return;
    }
    batch.forEach((item, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) {
        item.resolve(outcome.value);
      } else {
        item.reject(outcome.error);
      }
    });
  }
}

/**
 * A savepoint per work, never released: COMMIT ends every savepoint of the transaction, and a
 * `ROLLBACK TO` a name goes back to its newest savepoint, so a failed work rolls back alone just the
 * same, and a work costs one statement (one round trip on PostgreSQL) for its savepoint instead of
 * two. (PostgreSQL counts a subtransaction against its cache of 64 whether released or not, and
 * maxBatch stays below that.)
 */
async function runInSavepoint(trx: ControlledTransaction<Database>, audit: DeferredAudit, work: Work<unknown>): Promise<Outcome> {
  await sql`savepoint work`.execute(trx);
  const auditMark = audit.mark();
  try {
    const value = await work(trx);
    return { ok: true, value };
  } catch (error) {
    await sql`rollback to savepoint work`.execute(trx);
    audit.rollbackTo(auditMark);
    return { ok: false, error };
  }
}
