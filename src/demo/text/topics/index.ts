import type { CategoryCode } from '../../catalogue';
import { CANTEEN_TOPICS } from './canteen';
import { CONSULT_TOPICS } from './consult';
import { IDEA_TOPICS } from './ideas';
import { LABOUR_TOPICS } from './labour';
import { NOISE_TOPICS } from './noise';
import { OTHER_TOPICS } from './other';
import { PARKING_TOPICS } from './parking';
import { PARTY_TOPICS } from './party';
import { REPAIR_TOPICS } from './repair';
import { SAFETY_TOPICS } from './safety';
import { SANITATION_TOPICS } from './sanitation';
import type { Topic } from './types';
import { UTILITY_TOPICS } from './utilities';

export { REJECT_TOPICS } from './rejects';
export type { IdeaTopic, IssueTopic, QuestionTopic, RejectReason, RejectTopic, Topic } from './types';

/** Every kind of appeal the demo data is written from, across all categories. */
export const TOPICS: readonly Topic[] = [
  ...REPAIR_TOPICS,
  ...PARKING_TOPICS,
  ...UTILITY_TOPICS,
  ...SANITATION_TOPICS,
  ...CANTEEN_TOPICS,
  ...NOISE_TOPICS,
  ...SAFETY_TOPICS,
  ...LABOUR_TOPICS,
  ...CONSULT_TOPICS,
  ...IDEA_TOPICS,
  ...PARTY_TOPICS,
  ...OTHER_TOPICS,
];

export const topicsFor = (category: CategoryCode) => TOPICS.filter((topic) => topic.category === category);
