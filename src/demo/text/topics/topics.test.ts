import { describe, expect, it } from 'vitest';
import { REJECT_REASONS } from '../../../modules/appeals/schemas';
import { CATEGORIES, UNITS, type CategoryCode, type UnitEntry } from '../../catalogue';
import { Random } from '../../random';
import { composeAppeal, drawStory } from '../appealText';
import { SentenceLedger } from '../ledger';
import { AREAS, drawPlace } from '../places';
import { composeAnswer, composeReply, type ReplyRound, type ReplyScene } from '../replyText';
import { expand } from '../template';
import { REJECT_TOPICS, TOPICS, topicsFor } from './index';
import type { Topic } from './types';

const DAY_MS = 86_400_000;
const CATEGORY = new Map(CATEGORIES.map((category) => [category.code as CategoryCode, category]));
/** Help and complaint categories where a question fits as well as a report of something wrong. */
const MAY_ASK: readonly CategoryCode[] = ['labour_rights', 'member_service', 'other'];
const LEFTOVER = /[{}[\]|]|undefined|NaN/;
/** Clauses spliced into the middle of a sentence must not end it. */
const SENTENCE_END = /[。！？；!?;\n]/;

function kindFits(topic: Topic): boolean {
  const type = CATEGORY.get(topic.category)!.type;
  if (type === 'consult') {
    return topic.kind === 'question';
  }
  if (type === 'suggestion') {
    return topic.kind === 'idea';
  }
  return topic.kind === 'issue' || (topic.kind === 'question' && MAY_ASK.includes(topic.category));
}

function clausesOf(topic: Topic): readonly string[] {
  switch (topic.kind) {
    case 'issue':
      return [...topic.problem, ...topic.ask, ...topic.cause, ...topic.fix];
    case 'question':
      return [...topic.question, ...topic.materials];
    case 'idea':
      return topic.idea;
  }
}

const STORY_VARS = ['place', 'spot', 'subject', 'who', 'be', 'team'];
/** The variables each side sets (see `drawStory`, `composeAppeal` and `sceneVars`); the reply side has no {pastDate}. */
const APPEAL_VARS = [...STORY_VARS, 'pastDate', 'futureDate'];
const REPLY_VARS = [
  ...STORY_VARS,
  'futureDate',
  'surname',
  'surname2',
  'unitShort',
  'handler',
  'worker',
  'unit',
  'phone',
  'office',
  'head',
];
const REPLY_DATES = ['recvDate', 'visitDate', 'visitPart', 'fixDate'];

function fieldsOf(topic: Topic): { appeal: readonly string[]; reply: readonly string[] } {
  switch (topic.kind) {
    case 'issue':
      return { appeal: [...topic.problem, ...topic.ask, ...topic.detail], reply: [...topic.cause, ...topic.fix] };
    case 'question':
      return { appeal: [...topic.question, ...topic.situation], reply: [...topic.answer, ...topic.materials] };
    case 'idea':
      return { appeal: [...topic.idea, ...topic.reason], reply: topic.response };
  }
}

const variablesIn = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
/** Chinese numerals: `chineseNumber` only goes to 99. */
const chineseRanges = (template: string) => [...template.matchAll(/\{c(\d+)-(\d+)\}/g)].map((match) => Number(match[2]));

const unitOf = (topic: Topic): UnitEntry => UNITS[topic.unit ?? CATEGORY.get(topic.category)!.unit];

/** Writes appeals and their replies the way the demo seeder does, all into one ledger. */
function simulate(seed: number, count: number) {
  const random = new Random(seed);
  const ledger = new SentenceLedger();
  const weights = Object.fromEntries(CATEGORIES.map((category) => [category.code, category.weight])) as Record<CategoryCode, number>;
  const end = Date.UTC(2025, 5, 30, 4);
  const appeals: string[] = [];
  const replies: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const topic = random.pick(topicsFor(random.weighted(weights)));
    const place = drawPlace(random, random.pick(topic.areas));
    const story = drawStory(random, topic, place);
    const receivedAt = new Date(end - random.between(0, 90) * DAY_MS);
    appeals.push(composeAppeal(ledger, random, story, receivedAt));

    const unit = unitOf(topic);
    const scene = (round: ReplyRound, after: Date): ReplyScene => {
      const visitAt = new Date(after.getTime() + random.between(0.05, 3) * DAY_MS);
      return {
        unit,
        handlerName: random.pick(unit.handlers),
        receivedAt,
        visitAt,
        repliedAt: new Date(visitAt.getTime() + random.between(0.05, 3) * DAY_MS),
        round,
      };
    };
    const first = scene('first', receivedAt);
    replies.push(composeReply(ledger, random, story, first));
    if (random.chance(0.05)) {
      replies.push(composeReply(ledger, random, story, scene('again', first.repliedAt)));
    }
    if (random.chance(0.15)) {
      replies.push(composeReply(ledger, random, story, scene('redo', new Date(first.repliedAt.getTime() + random.between(1, 5) * DAY_MS))));
    }
    const { topic: asked } = story;
    if (asked.kind === 'question' && random.chance(0.3)) {
      replies.push(composeAnswer(ledger, random, { ...story, topic: asked }, scene('first', receivedAt)));
    }
  }
  const rejects: string[] = [];
  for (let i = 0; i < 150; i += 1) {
    const topic = random.pick(REJECT_TOPICS);
    rejects.push(ledger.fresh(() => expand(random.pick(topic.text), random, {})));
    expand(random.pick(topic.note), random, {});
  }
  return { appeals, replies, rejects };
}

describe('demo topics', () => {
  it('covers every category with topics of the right kind', () => {
    for (const category of CATEGORIES) {
      expect(topicsFor(category.code).length, category.code).toBeGreaterThanOrEqual(3);
    }
    for (const topic of TOPICS) {
      expect(kindFits(topic), `${topic.category} ${topic.subject} is a ${topic.kind}`).toBe(true);
      expect(topic.areas.length, topic.subject).toBeGreaterThan(0);
      expect(
        topic.areas.every((area) => AREAS.includes(area)),
        topic.subject,
      ).toBe(true);
      expect(topic.unit === undefined || topic.unit in UNITS, topic.subject).toBe(true);
    }
    expect(new Set(TOPICS.map((topic) => `${topic.category}/${topic.subject}`)).size).toBe(TOPICS.length);
  });

  it('keeps clauses that are spliced into sentences free of sentence ends', () => {
    for (const topic of TOPICS) {
      for (const clause of clausesOf(topic)) {
        expect(SENTENCE_END.test(clause), `${topic.subject}: ${clause}`).toBe(false);
      }
    }
  });

  it('uses only variables that are set where each template is expanded', () => {
    for (const topic of TOPICS) {
      const own = Object.keys(topic.vars ?? {});
      const { appeal, reply } = fieldsOf(topic);
      for (const template of appeal) {
        const unknown = variablesIn(template).filter((name) => !APPEAL_VARS.includes(name) && !own.includes(name));
        expect(unknown, `${topic.subject}: ${template}`).toEqual([]);
      }
      for (const template of reply) {
        const unknown = variablesIn(template).filter(
          (name) => !REPLY_VARS.includes(name) && !REPLY_DATES.includes(name) && !own.includes(name),
        );
        expect(unknown, `${topic.subject}: ${template}`).toEqual([]);
      }
      for (const template of [...appeal, ...reply, ...Object.values(topic.vars ?? {})]) {
        expect(
          chineseRanges(template).every((max) => max <= 99),
          template,
        ).toBe(true);
      }
      // Topic variables are drawn before any other variable exists.
      expect(Object.values(topic.vars ?? {}).flatMap(variablesIn), topic.subject).toEqual([]);
    }
    for (const topic of REJECT_TOPICS) {
      expect([...topic.text, ...topic.note].flatMap(variablesIn)).toEqual([]);
    }
  });

  it('gives every reject reason a few topics', () => {
    for (const reason of REJECT_REASONS) {
      expect(REJECT_TOPICS.filter((topic) => topic.reason === reason).length, reason).toBeGreaterThanOrEqual(2);
    }
    for (const topic of REJECT_TOPICS) {
      expect(CATEGORY.has(topic.category)).toBe(true);
      expect(topic.areas.every((area) => AREAS.includes(area))).toBe(true);
    }
  });

  it.each([1, 20_250_630, 987_654_321])(
    'writes 2,400 appeals with replies and 150 rejects without repeating a sentence (seed %i)',
    (seed) => {
      const { appeals, replies, rejects } = simulate(seed, 2_400);
      for (const text of [...appeals, ...rejects]) {
        expect(LEFTOVER.test(text), text).toBe(false);
        expect(text.length, text).toBeGreaterThanOrEqual(15);
        expect(text.length, text).toBeLessThanOrEqual(2_000);
      }
      for (const text of replies) {
        expect(LEFTOVER.test(text), text).toBe(false);
        expect(text.length, text).toBeLessThanOrEqual(2_000);
      }
    },
  );
});
