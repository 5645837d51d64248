import { z } from 'zod';
import type { Db } from '../db/database';
import { ADMIN_WORD, cleanText, defaultSegmenter, MAX_ADMIN_WORDS, normalizeText, Segmenter } from '../text';
import type { AppContext } from './context';

export const TEXT_DICTIONARY_KEY = 'text.dictionary';

/** A word as the admin typed it, cleaned: full-width letters and digits as ASCII, invisible characters and outer spaces gone. */
export const AdminWord = z.string().max(40).overwrite(cleanText).regex(ADMIN_WORD, '词语须为 2–20 个汉字、字母或数字，不含空格和标点');
export const AdminWords = z.array(AdminWord).max(MAX_ADMIN_WORDS, `领域词典最多 ${MAX_ADMIN_WORDS} 个词`);

const StoredDictionary = z.object({ words: z.array(z.string()) });

/** The segmenter built with the admin's words, as this instance last read them. */
export interface TextDictionary {
  /** The admin's words in the form the segmenter puts them out (Simplified, lower case). */
  forms: ReadonlySet<string>;
  segmenter: Segmenter;
}

interface Loaded extends TextDictionary {
  /** The stored JSON the dictionary was built from: another instance's change shows as a different value. */
  stored: string | null;
}

/** How long an instance trusts its dictionary before it looks whether another instance changed it (as ShortLivedCache). */
const CHECK_INTERVAL_MS = 5000;

const storedWords = (stored: string | null): string[] => {
  const parsed = stored === null ? undefined : StoredDictionary.safeParse(JSON.parse(stored));
  return parsed?.success ? parsed.data.words : [];
};

async function readStored(db: Db): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', TEXT_DICTIONARY_KEY).executeTakeFirst();
  return row?.value ?? null;
}

export const loadAdminWords = async (db: Db): Promise<string[]> => storedWords(await readStored(db));

/** Building a segmenter takes about half a second, so it happens only when the words changed. */
async function refresh(db: Db, previous: Promise<Loaded> | undefined): Promise<Loaded> {
  const stored = await readStored(db);
  const last = await previous?.catch(() => undefined);
  if (last && last.stored === stored) {
    return last;
  }
  const words = storedWords(stored);
  return {
    stored,
    forms: new Set(words.map(normalizeText)),
    segmenter: words.length > 0 ? new Segmenter(words) : defaultSegmenter(),
  };
}

// Per app context, as several instances (tests, benchmarks) can share a process but not a database.
const byContext = new WeakMap<AppContext, { dictionary: Promise<Loaded>; checkedAt: number }>();

function reload(ctx: AppContext, now: number): Promise<Loaded> {
  const dictionary = refresh(ctx.db, byContext.get(ctx)?.dictionary);
  byContext.set(ctx, { dictionary, checkedAt: now });
  // A failed read is not remembered: the next call tries again.
  dictionary.catch(() => {
    if (byContext.get(ctx)?.dictionary === dictionary) {
      byContext.delete(ctx);
    }
  });
  return dictionary;
}

/**
 * This instance's dictionary: the built-in words and the admin's. A change made through another
 * instance arrives within a few seconds (by the context's clock).
 */
export function textDictionary(ctx: AppContext): Promise<TextDictionary> {
  const now = ctx.clock.now().getTime();
  const entry = byContext.get(ctx);
  if (entry && now >= entry.checkedAt && now - entry.checkedAt < CHECK_INTERVAL_MS) {
    return entry.dictionary;
  }
  return reload(ctx, now);
}

/** The segmenter every app path uses: indexing, search, similar appeals. */
export const textSegmenter = async (ctx: AppContext): Promise<Segmenter> => (await textDictionary(ctx)).segmenter;

/** After this instance changed the words: it segments with them from the next call on. */
export async function reloadTextDictionary(ctx: AppContext): Promise<void> {
  await reload(ctx, ctx.clock.now().getTime());
}
