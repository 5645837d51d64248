import type { Kysely } from 'kysely';
import { AppError, conflict } from '../../../core/errors';
import { affectedRows, inList, insertChunks, isUniqueViolation } from '../../../db/dialect';
import type { Database } from '../../../db/schema';
import { newBallotId, newReceipt, receiptHash, receiptPartHash, sealBallot, sealHolds } from './seal';

type Db = Kysely<Database>;

/** No result is shown for fewer voters than this (VO-06): a small group's choices would be guessable. */
export const MIN_GROUP = 5;

/** Freezes the roll as voting opens: one row per voter, all eligible (VO-07). */
export async function freezeRoll(trx: Db, boxId: string, userIds: readonly string[]): Promise<void> {
  const rows = [...new Set(userIds)].map((userId) => ({ box_id: boxId, user_id: userId, status: 'eligible' }));
  for (const chunk of insertChunks(rows)) {
    await trx.insertInto('ballot_voters').values(chunk).execute();
  }
}

const notOnRoll = () => new AppError(403, 'NOT_ON_ROLL', '您不在本次投票的名单中');

/**
 * One person, one vote (VO-02), in the caller's transaction: the voter's row moves from eligible to
 * voted, which must change exactly one row (a second submission, however simultaneous, finds none:
 * SQLite runs one write at a time, PostgreSQL makes the second wait on the row lock and then sees it
 * voted), and only then is the ballot written. Returns the receipt, which is stored only as its hash.
 */
export async function castBallot(trx: Db, key: Buffer, boxId: string, userId: string, choices: string): Promise<string> {
  await markVoted(trx, boxId, userId);
  const receipt = newReceipt();
  await writeBallotRows(trx, key, boxId, [{ choices, receipt_hash: receiptHash(receipt) }]);
  return receipt;
}

/**
 * A ballot stored as one sealed row per part, as castBallot does for a whole ballot: 民主测评 stores each
 * rating on its own, so that no row shows which member a rater left out (themselves). The rows share
 * nothing: each carries the hash of the receipt with its part number, and random ids order them.
 */
export async function castSplitBallot(trx: Db, key: Buffer, boxId: string, userId: string, parts: readonly string[]): Promise<string> {
  await markVoted(trx, boxId, userId);
  const receipt = newReceipt();
  await writeBallotRows(
    trx,
    key,
    boxId,
    parts.map((choices, part) => ({ choices, receipt_hash: receiptPartHash(receipt, part) })),
  );
  return receipt;
}

async function markVoted(trx: Db, boxId: string, userId: string): Promise<void> {
  const moved = await trx
    .updateTable('ballot_voters')
    .set({ status: 'voted' })
    .where('box_id', '=', boxId)
    .where('user_id', '=', userId)
    .where('status', '=', 'eligible')
    .executeTakeFirst();
  if (affectedRows(moved) !== 1) {
    throw (await voterStatus(trx, boxId, userId)) === 'voted' ? conflict('ALREADY_VOTED', '您已经投过票了，每人只能投一次') : notOnRoll();
  }
}

async function writeBallotRows(trx: Db, key: Buffer, boxId: string, parts: readonly { choices: string; receipt_hash: string }[]) {
  const rows = parts.map((part) => {
    const row = { box_id: boxId, ballot_id: newBallotId(), ...part };
    return { ...row, mac: sealBallot(key, row) };
  });
  for (const chunk of insertChunks(rows)) {
    await trx.insertInto('ballots').values(chunk).execute();
  }
}

export async function voterStatus(db: Db, boxId: string, userId: string): Promise<'eligible' | 'voted' | null> {
  const row = await db
    .selectFrom('ballot_voters')
    .select('status')
    .where('box_id', '=', boxId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return (row?.status as 'eligible' | 'voted' | undefined) ?? null;
}

/** Turnout as aggregates only (VO-06). */
export async function turnout(db: Db, boxId: string): Promise<{ eligible: number; voted: number }> {
  const rows = await db
    .selectFrom('ballot_voters')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('box_id', '=', boxId)
    .groupBy('status')
    .execute();
  const count = (status: string) => Number(rows.find((row) => row.status === status)?.n ?? 0);
  return { eligible: count('eligible') + count('voted'), voted: count('voted') };
}

/**
 * Every ballot row of a box, in ballot-id order (nothing about the order of casting), each seal checked
 * (VO-07): one row changed, added or removed in the database stops the count. `expectedRows` is how many
 * rows the voters who voted must have left (one each unless their ballots were split).
 */
export async function readSealedBallots(db: Db, key: Buffer, boxId: string, expectedRows?: number): Promise<string[]> {
  const rows = await db.selectFrom('ballots').selectAll().where('box_id', '=', boxId).orderBy('ballot_id').execute();
  if (rows.some((row) => !sealHolds(key, row))) {
    throw new AppError(409, 'BALLOT_TAMPERED', '选票校验失败：有选票在数据库中被改动，计票已中止，请联系安全管理员核查');
  }
  const expected = expectedRows ?? (await turnout(db, boxId)).voted;
  if (expected !== rows.length) {
    throw new AppError(
      409,
      'BALLOT_COUNT_MISMATCH',
      `选票数（${rows.length}）与应有选票数（${expected}）不符，计票已中止，请联系安全管理员核查`,
    );
  }
  return rows.map((row) => row.choices);
}

/**
 * At the close, the box's ballot rows are written anew in ballot-id order, in the closing transaction
 * (VO-03). On PostgreSQL a heap keeps rows in the order they came and stamps each with the id of the
 * transaction that wrote it, which is also the one that marked its voter and audited the vote: after
 * this, every row of the box is stamped with the close and stored in random-key order (the old row
 * versions stay until autovacuum removes them). The seals hold, the fields are unchanged. SQLite stores the table in key order already (WITHOUT ROWID).
 */
export async function rewriteBallotsInKeyOrder(trx: Db, boxId: string): Promise<void> {
  const rows = await trx.selectFrom('ballots').selectAll().where('box_id', '=', boxId).orderBy('ballot_id').execute();
  await trx.deleteFrom('ballots').where('box_id', '=', boxId).execute();
  for (const chunk of insertChunks(rows)) {
    await trx.insertInto('ballots').values(chunk).execute();
  }
}

/** Who has voted (the roll says so anyway): what the count of a split ballot's rows is checked against. */
export async function votersWhoVoted(db: Db, boxId: string): Promise<string[]> {
  const rows = await db.selectFrom('ballot_voters').select('user_id').where('box_id', '=', boxId).where('status', '=', 'voted').execute();
  return rows.map((row) => row.user_id);
}

/** Whether the ballot of a receipt was counted; it never says what the ballot holds (VO-05). */
export async function receiptCounted(db: Db, boxId: string, receipt: string): Promise<boolean> {
  const row = await db
    .selectFrom('ballots')
    .select('ballot_id')
    .where('box_id', '=', boxId)
    .where('receipt_hash', '=', receiptHash(receipt))
    .executeTakeFirst();
  return row !== undefined;
}

/** How many parts of a split ballot the receipt finds, looking at the first `maxParts` (VO-05: inclusion only). */
export async function receiptPartsCounted(db: Db, boxId: string, receipt: string, maxParts: number): Promise<number> {
  const hashes = Array.from({ length: maxParts }, (_, part) => receiptPartHash(receipt, part));
  if (hashes.length === 0) {
    return 0;
  }
  const rows = await db
    .selectFrom('ballots')
    .select('ballot_id')
    .where('box_id', '=', boxId)
    .where(inList(db, 'receipt_hash', hashes))
    .execute();
  return rows.length;
}

/** The published list of receipt hashes, sorted by hash. */
export async function receiptHashes(db: Db, boxId: string): Promise<string[]> {
  const rows = await db.selectFrom('ballots').select('receipt_hash').where('box_id', '=', boxId).orderBy('receipt_hash').execute();
  return rows.map((row) => row.receipt_hash);
}

export type RollChange = 'add' | 'remove';

/** A correction of the frozen roll (by the security admin; the caller audits it). Who has voted stays. */
export async function changeRoll(trx: Db, boxId: string, userId: string, change: RollChange): Promise<void> {
  if (change === 'add') {
    try {
      await trx.insertInto('ballot_voters').values({ box_id: boxId, user_id: userId, status: 'eligible' }).execute();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict('ALREADY_ON_ROLL', '此人已在名单中');
      }
      throw error;
    }
    return;
  }
  const removed = await trx
    .deleteFrom('ballot_voters')
    .where('box_id', '=', boxId)
    .where('user_id', '=', userId)
    .where('status', '=', 'eligible')
    .executeTakeFirst();
  if (affectedRows(removed) !== 1) {
    throw conflict('CANNOT_REMOVE_VOTER', '此人不在名单中或已经投票，不能移出');
  }
}
