import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../server/schemas';
import { DOMAIN_WORDS, normalizeText } from '../../text';
import { setDictionaryWords } from '../commands/setDictionaryWords';
import { corePolicy } from '../policies';
import { AdminWords, loadAdminWords, textDictionary } from '../textDictionary';

const TextDictionaryView = z
  .object({
    /** The admin's words, in their order, as typed. */
    words: z.array(z.string()),
    builtInWords: z.array(z.string()),
  })
  .meta({ id: 'TextDictionary' });

const WORD_SOURCES = ['admin', 'builtIn', 'general'] as const;
type WordSource = (typeof WORD_SOURCES)[number];

const SegmentedText = z.object({
  words: z.array(
    z.object({
      word: z.string(),
      /** Which dictionary kept it whole: the admin's, the built-in domain words, or jieba's general one. */
      source: z.enum(WORD_SOURCES),
    }),
  ),
});

const builtInForms: ReadonlySet<string> = new Set(DOMAIN_WORDS);

const sourceOf = (word: string, adminForms: ReadonlySet<string>): WordSource =>
  adminForms.has(word) ? 'admin' : builtInForms.has(word) ? 'builtIn' : 'general';

/**
 * The system admin's text settings: the words the segmenter keeps whole on top of the built-in
 * ones, and a trial of how a sentence is cut with them.
 */
export async function textRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.get(
    '/api/admin/text/dictionary',
    {
      config: { policy: corePolicy.manageSettings },
      schema: { tags: ['admin'], response: { 200: TextDictionaryView, ...errorResponses } },
    },
    async () => ({ words: await loadAdminWords(ctx.db), builtInWords: [...DOMAIN_WORDS] }),
  );

  r.put(
    '/api/admin/text/dictionary',
    {
      config: { policy: corePolicy.manageSettings },
      schema: {
        tags: ['admin'],
        description: '保存管理员添加的领域词（整体替换）；重复的词和内置词自动去掉。新词只对之后写入的内容生效。',
        body: z.object({ words: AdminWords }),
        response: { 200: TextDictionaryView, ...errorResponses },
      },
    },
    async (request) => ({
      words: await setDictionaryWords(ctx, request.meta, request.actor!, request.body.words),
      builtInWords: [...DOMAIN_WORDS],
    }),
  );

  r.post(
    '/api/admin/text/segment',
    {
      config: { policy: corePolicy.manageSettings },
      schema: {
        tags: ['admin'],
        description: '用当前词典切分一句话，查看新词是否被整体保留。',
        body: z.object({ text: z.string().trim().min(1).max(500) }),
        response: { 200: SegmentedText, ...errorResponses },
      },
    },
    async (request) => {
      const { segmenter, forms } = await textDictionary(ctx);
      return {
        words: segmenter.words(normalizeText(request.body.text)).map((word) => ({ word, source: sourceOf(word, forms) })),
      };
    },
  );
}
