import type { ExpressionBuilder, Kysely } from 'kysely';
import { insertRow, type RowOf } from '../db/database';
import { inList } from '../db/dialect';
import type { Database, EventRow } from '../db/schema';
import type { Actor } from './actor';
import { addMinutes, iso, type Clock } from './clock';
import { newSortableId } from './ids';

export interface NewEvent {
  type: string;
  subjectType: string;
  subjectId: string;
  orgId?: string | null;
  actor?: Actor | null;
  payload?: Record<string, unknown>;
}

/** The event as a row, for insertRows (written with the change it describes, in one statement on PostgreSQL). */
export const eventRow = (at: Date, event: NewEvent): RowOf<'events'> => ({
  table: 'events',
  row: {
    id: newSortableId(),
    type: event.type,
    subject_type: event.subjectType,
    subject_id: event.subjectId,
    org_id: event.orgId ?? null,
    actor_id: event.actor?.id ?? null,
    actor_role: event.actor?.primaryRole ?? null,
    payload: JSON.stringify(event.payload ?? {}),
    created_at: iso(at),
  },
});

/** Writes the event in the caller's transaction, so it exists only if the change it describes commits. */
export async function recordEvent(trx: Kysely<Database>, at: Date, event: NewEvent): Promise<void> {
  const { table, row } = eventRow(at, event);
  await insertRow(trx, table, row);
}

/**
 * What the app's routes and commands see of the outbox: after a commit they ask for pending events
 * to be handled, and the app closes it before its database. The handlers run either in this thread
 * (EventProcessor) or in the background thread (src/server/background.ts).
 */
export interface Outbox {
  /** Has what is pending handled; resolves once it is. */
  drain(): Promise<void>;
  /** Claims no more events and waits for the batch in hand, so that the database can be closed. */
  stop(): Promise<void>;
}

/** Handles the claimed events of one type, in the order they were written. */
export type EventHandler = (events: EventRow[]) => Promise<void>;

const EVENTS_PER_CLAIM = 100;
const CLAIM_MINUTES = 5;
/** A batch of at least this many events means more are coming: gather before the next claim. */
const GATHER_AFTER = 2;

export interface EventProcessorOptions {
  /**
   * After a batch of GATHER_AFTER or more events but less than a full claim, wait this long before
   * claiming the next, so that the events of a busy desk are handled in batches of tens rather than
   * a few: a batch costs its claim, its handlers' reads and writes and its mark as handled whatever
   * its size (measured in bench/appeals-submit.ts, see bench/REPORT.md). The first batch of a run is
   * claimed at once, so a quiet desk sees no delay; drain() settles after the wait, if any, and an
   * empty claim.
   */
  gatherMs?: number;
}

/**
 * Runs handlers for committed events (the events table is the outbox). Events are claimed in
 * batches with one conditional update, so several app instances may drain at once without handling
 * an event twice, and a busy desk pays a few statements per batch rather than per event.
 */
export class EventProcessor implements Outbox {
  private readonly handlers = new Map<string, EventHandler[]>();
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly onError: (error: unknown, events: EventRow[]) => void,
    private readonly options: EventProcessorOptions = {},
  ) {}

  on(type: string, handler: EventHandler): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }

  /** Handles what is pending; concurrent calls in one process share the same run. */
  drain(): Promise<void> {
    if (this.stopped) {
      return Promise.resolve();
    }
    this.running ??= this.drainLoop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running?.catch(() => undefined);
  }

  private async drainLoop(): Promise<void> {
    for (let handled = 0; ;) {
      if (handled >= GATHER_AFTER && handled < EVENTS_PER_CLAIM && this.options.gatherMs) {
        // Events are still coming in: let them gather for the next batch (see EventProcessorOptions).
        await new Promise((resolve) => setTimeout(resolve, this.options.gatherMs));
      }
      if (this.stopped) {
        return;
      }
      const claimed = await this.claimBatch();
      handled = claimed.length;
      if (claimed.length === 0) {
        return;
      }
      for (const [type, events] of groupByType(claimed)) {
        for (const handler of this.handlers.get(type) ?? []) {
          try {
            await handler(events);
          } catch (error) {
            this.onError(error, events);
          }
          if (claimed.length >= GATHER_AFTER) {
            // On SQLite a handler's statements all run in one turn of the event loop (the driver is
            // synchronous): under load, let waiting requests in between handlers.
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
      }
      await this.db
        .updateTable('events')
        .set({ handled_at: iso(this.clock.now()) })
        .where(
          inList(
            this.db,
            'id',
            claimed.map((event) => event.id),
          ),
        )
        .execute();
    }
  }

  private async claimBatch(): Promise<EventRow[]> {
    const now = this.clock.now();
    const claimable = (eb: ExpressionBuilder<Database, 'events'>) =>
      eb.and([eb('handled_at', 'is', null), eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', iso(now))])]);
    // The outer condition is checked again on PostgreSQL after waiting for a row another instance
    // is claiming, so that instance keeps it.
    const claimed = await this.db
      .updateTable('events')
      .set({ claimed_until: iso(addMinutes(now, CLAIM_MINUTES)) })
      .where('id', 'in', (qb) => qb.selectFrom('events').select('id').where(claimable).orderBy('created_at').limit(EVENTS_PER_CLAIM))
      .where(claimable)
      .returningAll()
      .execute();
    return claimed.sort((a, b) => (a.created_at === b.created_at ? a.id.localeCompare(b.id) : a.created_at.localeCompare(b.created_at)));
  }
}

function groupByType(events: EventRow[]): Map<string, EventRow[]> {
  const byType = new Map<string, EventRow[]>();
  for (const event of events) {
    const ofType = byType.get(event.type);
    if (ofType) {
      ofType.push(event);
    } else {
      byType.set(event.type, [event]);
    }
  }
  return byType;
}
