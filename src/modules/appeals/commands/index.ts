import type { z } from 'zod';
import type { Appeal } from '../../../db/schema';
import type { ActionBodies } from '../schemas';
import type { AppealAction } from '../stateMachine';
import { answerAppeal } from './answerAppeal';
import { contactCitizen } from './contactCitizen';
import type { CommandContext } from './context';
import { dispatchAppeal } from './dispatchAppeal';
import { approveExtension, denyExtension, requestExtension } from './extendAppeal';
import { mergeAppeal } from './mergeAppeal';
import { rateAppeal } from './rateAppeal';
import { rejectAppeal } from './rejectAppeal';
import { acceptReply, replyAppeal, sendBack } from './replyAppeal';
import { approveReturn, denyReturn, requestReturn } from './returnAppeal';
import { signAppeal } from './signAppeal';
import { superviseAppeal } from './superviseAppeal';

type Command<A extends AppealAction> = (c: CommandContext, appeal: Appeal, input: z.infer<(typeof ActionBodies)[A]>) => Promise<Appeal>;

/** One command per workflow action; the routes look them up by action name. */
export const workflowCommands: { [A in AppealAction]: Command<A> } = {
  dispatch: dispatchAppeal,
  reject: rejectAppeal,
  answer: answerAppeal,
  merge: mergeAppeal,
  sign: signAppeal,
  requestReturn,
  approveReturn,
  denyReturn,
  contact: contactCitizen,
  requestExtension,
  approveExtension,
  denyExtension,
  reply: replyAppeal,
  sendBack,
  acceptReply,
  rate: rateAppeal,
  supervise: superviseAppeal,
};
