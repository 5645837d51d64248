import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Actor } from '../../core/actor';
import type { FieldCrypto } from '../../core/crypto';
import { maskName, maskPhone } from '../../core/masking';
import type { Database } from '../../db/schema';
import { boxFilter, queryFilters, scopeFilter, withNames, type AppealListRow } from './repository';
import { SATISFACTION_LABELS, type AppealListQuery } from './schemas';
import type { AppealSettings } from './settings';
import { STATE_LABELS, type AppealState } from './stateMachine';

const BATCH = 250;

const COLUMNS = [
  { header: '受理编号', key: 'trackingNo', width: 20 },
  { header: '类别', key: 'category', width: 12 },
  { header: '状态', key: 'state', width: 10 },
  { header: '承办单位', key: 'unit', width: 16 },
  { header: '诉求内容', key: 'content', width: 60 },
  { header: '地址', key: 'address', width: 24 },
  { header: '联系人', key: 'contactName', width: 10 },
  { header: '联系电话', key: 'contactPhone', width: 14 },
  { header: '受理时间', key: 'receivedAt', width: 20 },
  { header: '办理期限', key: 'dueAt', width: 20 },
  { header: '答复内容', key: 'reply', width: 40 },
  { header: '评价', key: 'satisfaction', width: 10 },
];

const local = (iso: string | null) =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '';

/**
 * Streams the filtered list as xlsx, row by row: the database is read in keyset-paged batches and each
 * row is committed to the zip stream at once, so memory stays flat however many rows there are.
 * Personal data stays masked, as on screen (MS-01).
 */
export function exportAppeals(
  db: Kysely<Database>,
  crypto: FieldCrypto,
  actor: Actor,
  query: AppealListQuery,
  now: Date,
  settings: AppealSettings,
): { stream: Readable; done: Promise<number> } {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('群众诉求');
  sheet.columns = COLUMNS;

  const done = (async () => {
    let written = 0;
    let after: { received_at: string; id: string } | null = null;
    for (;;) {
      let page = withNames(db.selectFrom('appeals'))
        .where(scopeFilter(actor))
        .where(boxFilter(query.box, now, settings))
        .where(queryFilters(query, now, settings));
      if (after) {
        const cursor: { received_at: string; id: string } = after;
        // A row comparison, which both databases turn into one index range (an OR of the two is a scan).
        page = page.where((eb) => eb(eb.refTuple('appeals.received_at', 'appeals.id'), '<', eb.tuple(cursor.received_at, cursor.id)));
      }
      const rows: AppealListRow[] = await page.orderBy('appeals.received_at', 'desc').orderBy('appeals.id', 'desc').limit(BATCH).execute();
      for (const row of rows) {
        sheet.addRow(toCells(row, crypto)).commit();
      }
      written += rows.length;
      if (rows.length < BATCH || stream.destroyed) {
        break;
      }
      after = rows[rows.length - 1];
      await yieldToClient(stream);
    }
    sheet.commit();
    await workbook.commit();
    return written;
  })();
  done.catch((error: unknown) => stream.destroy(error as Error));
  return { stream, done };
}

/**
 * Between batches: wait while the client has not taken what was written (backpressure), and give the
 * event loop a turn, since SQLite's reads are synchronous and would otherwise hold every other request.
 */
async function yieldToClient(stream: PassThrough): Promise<void> {
  while (stream.readableLength > stream.readableHighWaterMark && !stream.destroyed) {
    await Promise.race([once(stream, 'drain'), once(stream, 'close'), new Promise((resolve) => setTimeout(resolve, 50))]);
  }
  await new Promise((resolve) => setImmediate(resolve));
}

function toCells(row: AppealListRow, crypto: FieldCrypto) {
  return {
    trackingNo: row.tracking_no,
    category: row.category_name,
    state: STATE_LABELS[row.state as AppealState],
    unit: row.unit_name ?? '',
    content: row.content,
    address: row.address ?? '',
    contactName: row.anonymous ? '匿名' : (maskName(crypto.decryptOptional(row.contact_name_enc)) ?? ''),
    contactPhone: row.anonymous ? '' : (maskPhone(crypto.decryptOptional(row.contact_phone_enc)) ?? ''),
    receivedAt: local(row.received_at),
    dueAt: local(row.due_at),
    reply: row.reply_text ?? '',
    satisfaction: row.satisfaction ? SATISFACTION_LABELS[row.satisfaction as keyof typeof SATISFACTION_LABELS] : '',
  };
}
