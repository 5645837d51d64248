import type { REJECT_REASONS } from '../../../modules/appeals/schemas';
import type { CategoryCode, UnitKey } from '../../catalogue';
import type { Area } from '../places';

/**
 * What one kind of appeal is about, as phrase templates (see `expand`). Every template carries
 * something particular (a number, a place, a date) so that thousands of appeals read differently.
 */
interface TopicBase {
  category: CategoryCode;
  /** A short noun for the matter, used in replies and comments: 声控灯, 电梯, 年休假. */
  subject: string;
  areas: readonly Area[];
  /** The unit that handles it when it is not the category's default. */
  unit?: UnitKey;
  /** Values drawn once per appeal and shared by the appeal and its replies: { floor: '{3-9}' }. */
  vars?: Readonly<Record<string, string>>;
}

/** Something broken, dirty or unsafe: the citizen describes it, the unit finds the cause and fixes it. */
export interface IssueTopic extends TopicBase {
  kind: 'issue';
  /** Clauses that follow the place: 楼道的声控灯坏了. */
  problem: readonly string[];
  /** Whole sentences with particulars. */
  detail: readonly string[];
  /** What the citizen wants done, a verb phrase: 派电工到{spot}把声控灯修好. */
  ask: readonly string[];
  /** What the unit found, a clause after 经查，. */
  cause: readonly string[];
  /** What the unit did, a clause after 已于…: 更换了3个声控开关，照明已恢复正常. */
  fix: readonly string[];
  /** Handled by looking into records and talking to people, not by sending workers to the spot. */
  deskWork?: boolean;
  /** Share of these appeals filed as 加急 and as 特急. */
  urgent?: number;
  emergency?: number;
}

/** A question about a rule or a procedure, answered by the unit or at once by the dispatch centre. */
export interface QuestionTopic extends TopicBase {
  kind: 'question';
  /** The question itself, after 想咨询一下 or 请问. */
  question: readonly string[];
  /** Sentences about the asker's situation. */
  situation: readonly string[];
  /** Sentences of the answer. */
  answer: readonly string[];
  /** What to bring when going to the office. */
  materials: readonly string[];
}

/** A proposal; the unit answers what it will do with it. */
export interface IdeaTopic extends TopicBase {
  kind: 'idea';
  /** What is proposed, after 建议. */
  idea: readonly string[];
  /** Sentences giving reasons. */
  reason: readonly string[];
  /** Sentences of the unit's response. */
  response: readonly string[];
}

export type Topic = IssueTopic | QuestionTopic | IdeaTopic;

export type RejectReason = (typeof REJECT_REASONS)[number];

/** Appeals the dispatch centre cannot accept, each with the reason code it is closed with. */
export interface RejectTopic {
  reason: RejectReason;
  category: CategoryCode;
  areas: readonly Area[];
  /** Whole appeal texts (one or more sentences). */
  text: readonly string[];
  /** The dispatcher's explanation after the reason label. */
  note: readonly string[];
}
