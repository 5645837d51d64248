import type { Kysely } from 'kysely';
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

/** Writes the event in the caller's transaction, so it exists only if the change it describes commits. */
export async function recordEvent(trx: Kysely<Database>, at: Date, event: NewEvent): Promise<void> {
  await trx
    .insertInto('events')
    .values({
      id: newSortableId(),
      type: event.type,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      org_id: event.orgId ?? null,
      actor_id: event.actor?.id ?? null,
      actor_role: event.actor?.primaryRole ?? null,
      payload: JSON.stringify(event.payload ?? {}),
      created_at: iso(at),
    })
    .execute();
}

export type EventHandler = (event: EventRow) => Promise<void>;

/**
 * Runs handlers for committed events (the events table is the outbox). Several app instances may
 * run it at once: each event is claimed with a conditional update before it is handled.
 */
export class EventProcessor {
  private readonly handlers = new Map<string, EventHandler[]>();
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly onError: (error: unknown, event: EventRow) => void,
  ) {}

  on(type: string, handler: EventHandler): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }

  /** Handles what is pending; concurrent calls in one process share the same run. */
  drain(): Promise<void> {
    this.running ??= this.drainLoop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drainLoop(): Promise<void> {
    for (;;) {
      const now = iso(this.clock.now());
      const pending = await this.db
        .selectFrom('events')
        .selectAll()
        .where('handled_at', 'is', null)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
        .orderBy('created_at')
        .limit(100)
        .execute();
      if (pending.length === 0) {
        return;
      }
      for (const event of pending) {
        await this.handleOne(event, now);
      }
    }
  }

  private async handleOne(event: EventRow, now: string): Promise<void> {
    const claim = await this.db
      .updateTable('events')
      .set({ claimed_until: iso(addMinutes(this.clock.now(), 5)) })
      .where('id', '=', event.id)
      .where('handled_at', 'is', null)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) {
      return;
    }
    for (const handler of this.handlers.get(event.type) ?? []) {
      try {
        await handler(event);
      } catch (error) {
        this.onError(error, event);
      }
    }
    await this.db
      .updateTable('events')
      .set({ handled_at: iso(this.clock.now()) })
      .where('id', '=', event.id)
      .execute();
  }
}
