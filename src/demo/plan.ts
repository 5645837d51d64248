import { shanghaiDate, type WorkCalendar } from '../core/calendar';
import { effectiveLimitKind } from '../modules/appeals';
import type { UnitStaff } from './accounts';
import { CATEGORIES, UNITS, UNIT_KEYS, type CategoryCode, type Satisfaction, type UnitKey } from './catalogue';
import type { Random } from './random';
import { drawStory, composeAppeal, type Story } from './text/appealText';
import { daysBefore } from './text/dates';
import type { SentenceLedger } from './text/ledger';
import { notes } from './text/notes';
import { mobileNumber, personName } from './text/people';
import { drawPlace, type Place } from './text/places';
import { composeAnswer, composeReply, type ReplyRound } from './text/replyText';
import { expand } from './text/template';
import { REJECT_TOPICS, topicsFor } from './text/topics';
import type { QuestionTopic, Topic } from './text/topics/types';
import type { PlannedAppeal, PlannedStep, SubmissionBody } from './timeline';
import { afterOpenMinutes, atShanghai, later, plusMinutes, type WorkingHours } from './workTime';

/** Who the demo's workers are, by username. */
export interface DemoStaff {
  dispatchers: readonly string[];
  leader: string;
  units: Readonly<Record<UnitKey, UnitStaff>>;
  /** Display names by username, as replies sign them. */
  names: ReadonlyMap<string, string>;
  /** Signed-in citizens who file some of the appeals themselves, with their contact details. */
  citizens: readonly { username: string; name: string; phone: string; share: number; categories?: readonly CategoryCode[] }[];
}

export interface PlanInput {
  random: Random;
  ledger: SentenceLedger;
  calendar: WorkCalendar;
  hours: WorkingHours;
  staff: DemoStaff;
  unitIds: Readonly<Record<UnitKey, string>>;
  now: Date;
  count: number;
  days: number;
}

const CATEGORY_WEIGHTS = Object.fromEntries(CATEGORIES.map((category) => [category.code, category.weight])) as Record<CategoryCode, number>;
const categoryOf = (code: CategoryCode) => CATEGORIES.find((category) => category.code === code)!;
const RECENT_DAYS = 4;
const within = (random: Random, [min, max]: readonly [number, number]) => random.int(min, max);
/** Where the estates and the plant are, for the optional coordinates of a submission. */
const SITE = { lat: 30.2741, lng: 120.1551 };

/** Appeals arrive more on working days and in the daytime, a few at night. */
function arrivalTimes(random: Random, calendar: WorkCalendar, now: Date, days: number, count: number): Date[] {
  const times: Date[] = [];
  while (times.length < count) {
    const at = new Date(now.getTime() - random.next() * days * 86_400_000);
    const hour = (at.getUTCHours() + 8) % 24;
    const dayWeight = calendar.isWorkday(shanghaiDate(at)) ? 1 : 0.55;
    const hourWeight = hour < 6 ? 0.08 : hour < 8 ? 0.4 : hour < 22 ? 1 : 0.3;
    if (random.chance(dayWeight * hourWeight)) {
      times.push(at);
    }
  }
  return times.sort((a, b) => a.getTime() - b.getTime());
}

/**
 * A recent appeal planned to be caught waiting where the workflow waits on someone, so that the demo
 * shows every state: `hold` is the step that has not happened yet.
 */
interface Showcase {
  hold: 'dispatch' | 'sign' | 'approveReturn' | 'approveExtension' | 'acceptReply' | 'rate';
  misroute?: boolean;
  extension?: boolean;
  quickReply?: boolean;
  submitter?: string;
}

const SHOWCASES: readonly Showcase[] = [
  { hold: 'dispatch' },
  { hold: 'sign' },
  { hold: 'approveReturn', misroute: true },
  { hold: 'approveExtension', extension: true },
  { hold: 'acceptReply', quickReply: true },
  // The printed citizen's appeal waiting for a rating, for the query code shown at start-up.
  { hold: 'rate', quickReply: true, submitter: 'masses' },
];
/** Showcases come from categories with working-day limits, where the unit may ask for more time. */
const DAY_LIMIT_WEIGHTS = Object.fromEntries(
  CATEGORIES.filter((category) => category.limit === 'general' || category.limit === 'complex').map((category) => [
    category.code,
    category.weight,
  ]),
) as Record<CategoryCode, number>;

/** Builds each appeal's life: a story, its text, and what the dispatch centre, the unit and the citizen do when. */
class Planner {
  private readonly plans: PlannedAppeal[] = [];
  /** Open cases a later duplicate may join: the plan, its place, and until when it is open. */
  private readonly openCases: { plan: PlannedAppeal; topic: Topic; place: Place; openUntil: Date }[] = [];

  private readonly showcases: Showcase[] = [...SHOWCASES];
  /** The showcase of the appeal being planned, if it is one. */
  private current: Showcase | null = null;

  constructor(private readonly p: PlanInput) {}

  build(): PlannedAppeal[] {
    for (const receivedAt of arrivalTimes(this.p.random, this.p.calendar, this.p.now, this.p.days, this.p.count)) {
      this.plans.push(this.planOne(receivedAt));
    }
    return this.plans;
  }

  private get random() {
    return this.p.random;
  }

  private dispatcher(): string {
    return this.random.pick(this.p.staff.dispatchers);
  }

  /** Showcases go to appeals received one to four days ago, which have had time to get there. */
  private takeShowcase(receivedAt: Date): Showcase | null {
    const recent = receivedAt > daysBefore(this.p.now, 4) && receivedAt < daysBefore(this.p.now, 1);
    return recent ? (this.showcases.shift() ?? null) : null;
  }

  private planOne(receivedAt: Date): PlannedAppeal {
    this.current = this.takeShowcase(receivedAt);
    const plan = this.current ? this.planShowcase(receivedAt, this.current) : this.planOrdinary(receivedAt);
    this.current = null;
    return plan;
  }

  /** A showcase whose steps before the hold would fall after now is tried again on a later appeal. */
  private planShowcase(receivedAt: Date, showcase: Showcase): PlannedAppeal {
    const story = this.newStory(DAY_LIMIT_WEIGHTS);
    const plan = this.submission(receivedAt, story);
    this.planHandling(plan, story);
    const held = plan.steps.findIndex((step) => step.action === showcase.hold);
    const reachedHold = held >= 0 && (held === 0 || plan.steps[held - 1].at <= this.p.now);
    if (!reachedHold) {
      this.showcases.unshift(showcase);
    }
    return plan;
  }

  private planOrdinary(receivedAt: Date): PlannedAppeal {
    const roll = this.random.next();
    if (roll < 0.03) {
      return this.planRejected(receivedAt);
    }
    if (roll < 0.055) {
      const duplicate = this.planDuplicate(receivedAt);
      if (duplicate) {
        return duplicate;
      }
    }
    const story = this.newStory(CATEGORY_WEIGHTS);
    const plan = this.submission(receivedAt, story);
    const { topic, place } = story;
    if (topic.kind === 'question' && this.random.chance(0.35)) {
      this.planAnswer(plan, story as Story & { topic: QuestionTopic });
    } else {
      const openUntil = this.planHandling(plan, story);
      if (topic.kind === 'issue') {
        this.openCases.push({ plan, topic, place, openUntil });
      }
    }
    return plan;
  }

  /** A matter of a category drawn by weight, at a place where it happens. */
  private newStory(weights: Readonly<Record<CategoryCode, number>>): Story {
    const topic = this.random.pick(topicsFor(this.random.weighted(weights)));
    return drawStory(this.random, topic, drawPlace(this.random, this.random.pick(topic.areas)));
  }

  private submission(receivedAt: Date, story: Story): PlannedAppeal {
    const random = this.random;
    const showcase = this.current;
    const categoryCode = story.topic.category;
    const citizen = showcase
      ? this.p.staff.citizens.find((candidate) => candidate.username === showcase.submitter)
      : this.p.staff.citizens.find(
          (candidate) => (!candidate.categories || candidate.categories.includes(categoryCode)) && random.chance(candidate.share),
        );
    const anonymous = !citizen && random.chance(0.07);
    const topic = story.topic;
    const urgency = showcase
      ? 'normal'
      : topic.kind === 'issue' && random.chance(topic.emergency ?? 0)
        ? 'emergency'
        : topic.kind === 'issue' && random.chance(topic.urgent ?? 0)
          ? 'urgent'
          : 'normal';
    const body: SubmissionBody = {
      categoryCode,
      content: composeAppeal(this.p.ledger, random, story, receivedAt),
      address: story.place.full,
      ...(random.chance(0.4) ? { lat: SITE.lat + random.between(-0.01, 0.01), lng: SITE.lng + random.between(-0.01, 0.01) } : {}),
      ...(anonymous ? {} : { contactName: citizen?.name ?? personName(random), contactPhone: citizen?.phone ?? mobileNumber(random) }),
      anonymous,
      publicable: !anonymous && random.chance(0.6),
      urgency,
      photos: [],
    };
    return { receivedAt, submitter: citizen?.username ?? null, channel: random.chance(0.08) ? 'open311' : 'h5', body, steps: [] };
  }

  /** 不予受理: out of scope, for the courts, an emergency for 110, or not a fit request. */
  private planRejected(receivedAt: Date): PlannedAppeal {
    const topic = this.random.pick(REJECT_TOPICS);
    const place = drawPlace(this.random, this.random.pick(topic.areas));
    const content = this.p.ledger.fresh(() => expand(this.random.pick(topic.text), this.random));
    const plan: PlannedAppeal = {
      receivedAt,
      submitter: null,
      channel: 'h5',
      body: {
        categoryCode: topic.category,
        content,
        address: place.full,
        contactName: personName(this.random),
        contactPhone: mobileNumber(this.random),
        anonymous: false,
        publicable: false,
        urgency: 'normal',
        photos: [],
      },
      steps: [],
    };
    const at = afterOpenMinutes(this.p.hours.centre, receivedAt, this.random.int(5, 90));
    const note = expand(this.random.pick(topic.note), this.random);
    this.push(plan, { at, action: 'reject', actor: this.dispatcher(), input: () => ({ reasonCode: topic.reason, note }) });
    return plan;
  }

  /** 并单: someone else reports what an open case already covers; the dispatcher joins it to that case. */
  private planDuplicate(receivedAt: Date): PlannedAppeal | null {
    const candidates = this.openCases.filter((open) => open.openUntil > plusMinutes(receivedAt, 240) && open.plan.receivedAt < receivedAt);
    if (candidates.length === 0) {
      return null;
    }
    const master = this.random.pick(candidates.slice(-20));
    const plan = this.submission(receivedAt, drawStory(this.random, master.topic, master.place));
    const at = afterOpenMinutes(this.p.hours.centre, receivedAt, this.random.int(10, 120));
    if (at >= master.openUntil) {
      return null;
    }
    this.push(plan, { at, action: 'merge', actor: this.dispatcher(), input: () => ({ masterId: master.plan.id! }) });
    return plan;
  }

  /** 直接答复: the dispatch centre answers a question itself. */
  private planAnswer(plan: PlannedAppeal, story: Story & { topic: QuestionTopic }): void {
    const at = afterOpenMinutes(this.p.hours.centre, plan.receivedAt, this.random.int(15, 300));
    const dispatcher = this.dispatcher();
    const unit = UNITS[this.unitFor(story.topic)];
    const text = composeAnswer(this.p.ledger, this.random, story, {
      unit,
      handlerName: this.p.staff.names.get(dispatcher) ?? dispatcher,
      receivedAt: plan.receivedAt,
      visitAt: at,
      repliedAt: at,
      round: 'first',
    });
    this.push(plan, { at, action: 'answer', actor: dispatcher, input: () => ({ text }) });
  }

  private unitFor(topic: Topic): UnitKey {
    return topic.unit ?? categoryOf(topic.category).unit;
  }

  private push(plan: PlannedAppeal, step: PlannedStep): Date {
    const previous = plan.steps.at(-1)?.at ?? plan.receivedAt;
    // Steps of one appeal never share a minute, so the timeline keeps their order.
    const due = step.at > previous ? step.at : plusMinutes(previous, 1);
    const at = this.current?.hold === step.action ? later(due, plusMinutes(this.p.now, 600)) : due;
    plan.steps.push({ ...step, at } as PlannedStep);
    return at;
  }

  /** Recent appeals may wait on the dispatch centre's decision: some of its reviews fall after now. */
  private centreDecision(plan: PlannedAppeal, after: Date, minutes: readonly [number, number]): Date {
    const at = afterOpenMinutes(this.p.hours.centre, after, within(this.random, minutes));
    const recent = plan.receivedAt > daysBefore(this.p.now, RECENT_DAYS);
    return recent && this.random.chance(0.3) ? plusMinutes(this.p.now, 600) : at;
  }

  /** Dispatch, sign, handle, reply, review and rating. Returns when the case stops being open. */
  private planHandling(plan: PlannedAppeal, story: Story): Date {
    const random = this.random;
    const { topic } = story;
    const unitKey = this.unitFor(topic);
    const unit = UNITS[unitKey];
    const profile = unit.profile;
    const staff = this.p.staff.units[unitKey];
    const hourLimit = ['emergency', 'utility'].includes(effectiveLimitKind(categoryOf(topic.category).limit, plan.body.urgency));
    const hurry = plan.body.urgency === 'normal' ? 1 : 0.25;

    const dispatchAt = afterOpenMinutes(this.p.hours.centre, plan.receivedAt, Math.ceil(random.int(5, 150) * hurry));
    let at = this.dispatchTo(plan, unitKey, dispatchAt, topic.subject);

    const handler = random.pick(staff.handlers);
    // A diligent unit's worker on duty (值班) signs and rings back out of office hours too.
    const onDuty = hourLimit || random.chance(profile.contactChance);
    const unitTime = (after: Date, minutes: number) =>
      onDuty ? plusMinutes(after, minutes) : afterOpenMinutes(this.p.hours.office, after, minutes);
    at = this.push(plan, {
      at: unitTime(at, Math.ceil(within(random, profile.signMinutes) * hurry)),
      action: 'sign',
      actor: handler,
      input: () => ({}),
    });

    const visitAt = hourLimit ? plusMinutes(at, random.int(15, 120)) : unitTime(at, within(random, profile.contactMinutes));
    let extraWorkdays = 0;
    const extension = !hourLimit && (this.current?.extension === true || random.chance(profile.extensionChance));
    if (extension || onDuty) {
      at = this.push(plan, {
        at: visitAt,
        action: 'contact',
        actor: handler,
        input: () => ({ note: notes.contact(random, plusMinutes(visitAt, 60 * 24)) }),
      });
      if (extension) {
        extraWorkdays = this.planExtension(plan, unitKey, at);
        at = plan.steps.at(-1)!.at;
      }
    }

    if (random.chance(0.03)) {
      this.push(plan, {
        at: plusMinutes(at, random.int(30, 600)),
        action: 'supervise',
        actor: this.p.staff.leader,
        input: () => ({ note: notes.supervise(random, unit.name, plusMinutes(at, 60 * 72)) }),
      });
    }

    let replyAt: Date;
    if (this.current?.quickReply) {
      replyAt = afterOpenMinutes(this.p.hours.office, at, random.int(30, 240));
    } else if (hourLimit) {
      replyAt = plusMinutes(at, random.int(profile.replyHours[0] * 60, profile.replyHours[1] * 60) * hurry);
    } else {
      const workdays = within(random, profile.replyWorkdays) + extraWorkdays;
      const day = workdays === 0 ? shanghaiDate(dispatchAt) : this.p.calendar.addWorkdays(shanghaiDate(dispatchAt), workdays);
      replyAt = later(atShanghai(day, random.int(9 * 60, 17 * 60)), afterOpenMinutes(this.p.hours.office, at, random.int(20, 120)));
      if (workdays > 7 && random.chance(0.3)) {
        const overdueAt = atShanghai(this.p.calendar.addWorkdays(shanghaiDate(dispatchAt), 8), 9 * 60 + random.int(0, 90));
        if (overdueAt < replyAt && overdueAt > at) {
          this.push(plan, {
            at: overdueAt,
            action: 'supervise',
            actor: this.p.staff.leader,
            input: () => ({ note: notes.supervise(random, unit.name, plusMinutes(overdueAt, 60 * 48)) }),
          });
        }
      }
    }
    return this.planReplyAndRating(plan, story, { unitKey, handler, visitAt, replyAt });
  }

  /** 派单, sometimes to the wrong unit first (退单 and 改派), sometimes disputed and upheld (驳回退单). */
  private dispatchTo(plan: PlannedAppeal, unitKey: UnitKey, dispatchAt: Date, subject: string): Date {
    const random = this.random;
    const { unitIds, staff } = this.p;
    const misrouted = this.current?.misroute === true || random.chance(UNITS[unitKey].profile.disputeChance);
    const firstUnit = misrouted ? random.pick(UNIT_KEYS.filter((key) => key !== unitKey)) : unitKey;
    let at = this.push(plan, {
      at: dispatchAt,
      action: 'dispatch',
      actor: this.dispatcher(),
      input: () => ({ unitId: unitIds[firstUnit], note: notes.dispatch(random) }),
    });
    if (misrouted) {
      at = this.push(plan, {
        at: afterOpenMinutes(this.p.hours.office, at, random.int(10, 90)),
        action: 'requestReturn',
        actor: staff.units[firstUnit].head,
        input: () => ({ reason: notes.requestReturn(random, UNITS[unitKey].name, subject) }),
      });
      at = this.push(plan, {
        at: this.centreDecision(plan, at, [20, 240]),
        action: 'approveReturn',
        actor: this.dispatcher(),
        input: () => ({ unitId: unitIds[unitKey] }),
      });
    } else if (random.chance(UNITS[unitKey].profile.disputeChance / 2)) {
      at = this.push(plan, {
        at: afterOpenMinutes(this.p.hours.office, at, random.int(10, 90)),
        action: 'requestReturn',
        actor: staff.units[unitKey].head,
        input: () => ({
          reason: notes.requestReturn(random, UNITS[random.pick(UNIT_KEYS.filter((key) => key !== unitKey))].name, subject),
        }),
      });
      at = this.push(plan, {
        at: this.centreDecision(plan, at, [20, 240]),
        action: 'denyReturn',
        actor: this.dispatcher(),
        input: () => ({ reason: notes.denyReturn(random, subject) }),
      });
    }
    return at;
  }

  /** 延期: the unit asks for more working days; the centre mostly agrees. Returns the days granted. */
  private planExtension(plan: PlannedAppeal, unitKey: UnitKey, after: Date): number {
    const random = this.random;
    const workdays = random.int(3, 10);
    const other = UNITS[random.pick(UNIT_KEYS.filter((key) => key !== unitKey))].short;
    const at = this.push(plan, {
      at: afterOpenMinutes(this.p.hours.office, after, random.int(30, 480)),
      action: 'requestExtension',
      actor: this.p.staff.units[unitKey].head,
      input: () => ({ workdays, reason: notes.requestExtension(random, other) }),
    });
    const decidedAt = this.centreDecision(plan, at, [30, 300]);
    if (random.chance(0.8)) {
      this.push(plan, { at: decidedAt, action: 'approveExtension', actor: this.dispatcher(), input: () => ({}) });
      return workdays;
    }
    this.push(plan, {
      at: decidedAt,
      action: 'denyExtension',
      actor: this.dispatcher(),
      input: () => ({ reason: notes.denyExtension(random) }),
    });
    return 0;
  }

  private satisfaction(unitKey: UnitKey, round: number): Satisfaction {
    const weights = UNITS[unitKey].profile.satisfaction;
    return this.random.weighted(
      round === 0
        ? weights
        : { satisfied: weights.satisfied, basically_satisfied: weights.basically_satisfied * 1.5, unsatisfied: weights.unsatisfied / 2 },
    );
  }

  /** 答复, 审核 (sometimes 退回), 回访评价; 不满意 sends it back for 重办 once or twice. */
  private planReplyAndRating(
    plan: PlannedAppeal,
    story: Story,
    scene: { unitKey: UnitKey; handler: string; visitAt: Date; replyAt: Date },
  ): Date {
    const random = this.random;
    const unit = UNITS[scene.unitKey];
    const handlerName = this.p.staff.names.get(scene.handler) ?? scene.handler;
    const reply = (repliedAt: Date, round: ReplyRound, visitAt: Date) => {
      const text = composeReply(this.p.ledger, random, story, {
        unit,
        handlerName,
        receivedAt: plan.receivedAt,
        visitAt,
        repliedAt,
        round,
      });
      return this.push(plan, { at: repliedAt, action: 'reply', actor: scene.handler, input: () => ({ text }) });
    };
    let at = reply(scene.replyAt, 'first', scene.visitAt);
    for (let round = 0; round < 3; round += 1) {
      if (random.chance(0.07)) {
        at = this.push(plan, {
          at: this.centreDecision(plan, at, [20, 300]),
          action: 'sendBack',
          actor: this.dispatcher(),
          input: () => ({ reason: notes.sendBack(random) }),
        });
        const again = afterOpenMinutes(this.p.hours.office, at, random.int(60, 900));
        at = reply(again, 'again', again);
      }
      at = this.push(plan, {
        at: this.centreDecision(plan, at, [20, 300]),
        action: 'acceptReply',
        actor: this.dispatcher(),
        input: () => ({}),
      });
      const satisfaction = round === 2 ? 'basically_satisfied' : this.satisfaction(scene.unitKey, round);
      const online = random.chance(0.45);
      const ratedAt = online
        ? afterOpenMinutes(this.p.hours.citizen, at, random.int(30, 2_400))
        : afterOpenMinutes(this.p.hours.centre, at, random.int(120, 1_800));
      const comment = random.chance(0.7) ? notes.rating(random, satisfaction, story.topic.subject, !online) : undefined;
      const resolved = satisfaction === 'unsatisfied' ? random.chance(0.15) : random.chance(0.95);
      at = this.push(plan, {
        at: ratedAt,
        action: 'rate',
        actor: online ? null : this.dispatcher(),
        input: () => ({ satisfaction, resolved, ...(comment ? { comment } : {}) }),
      });
      if (satisfaction !== 'unsatisfied') {
        return at;
      }
      const redoAt = afterOpenMinutes(this.p.hours.office, at, random.int(240, 1_800));
      at = reply(redoAt, 'redo', redoAt);
    }
    return at;
  }
}

export const planAppeals = (input: PlanInput): PlannedAppeal[] => new Planner(input).build();
