import { distinctAdminWords, normalizeText } from '../../text';
import type { Actor } from '../actor';
import { audit, type AppContext, type RequestMeta } from '../context';
import { writeSetting } from '../settings';
import { loadAdminWords, reloadTextDictionary, TEXT_DICTIONARY_KEY } from '../textDictionary';

const missingFrom = (words: readonly string[], others: readonly string[]) => {
  const forms = new Set(others.map(normalizeText));
  return words.filter((word) => !forms.has(normalizeText(word)));
};

/**
 * Replaces the admin's dictionary words (each kept once, none the built-in dictionary has), audits
 * what was added and removed, and segments with them on this instance at once. Text indexed before
 * keeps its old words until it is indexed again.
 */
export async function setDictionaryWords(
  ctx: AppContext,
  meta: RequestMeta,
  actor: Actor,
  requested: readonly string[],
): Promise<string[]> {
  const words = distinctAdminWords(requested);
  await ctx.db.transaction().execute(async (trx) => {
    const previous = await loadAdminWords(trx);
    await writeSetting(trx, ctx.clock, TEXT_DICTIONARY_KEY, { words }, actor.id);
    await audit(ctx, trx, meta, actor, {
      eventType: 'config.change',
      outcome: 'success',
      targetType: 'setting',
      targetId: TEXT_DICTIONARY_KEY,
      detail: { added: missingFrom(words, previous), removed: missingFrom(previous, words) },
    });
  });
  await reloadTextDictionary(ctx);
  return words;
}
