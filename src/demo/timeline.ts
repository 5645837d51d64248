import type { AppealAction } from '../modules/appeals/stateMachine';
import type { ActionInput, SubmitAppealInput } from '../modules/appeals';

/** The body of a submission as the H5 form sends it. */
export type SubmissionBody = SubmitAppealInput;

/** One appeal of the demo data: how it is filed and what happens to it afterwards, in time order. */
export interface PlannedAppeal {
  receivedAt: Date;
  /** Username of the signed-in citizen who files it, or null for a submission without an account. */
  submitter: string | null;
  channel: 'h5' | 'open311';
  body: SubmissionBody;
  steps: PlannedStep[];
  /** Filled in when the submission has been made. */
  id?: string;
  trackingNo?: string;
  queryCode?: string;
}

interface StepOf<A extends AppealAction> {
  at: Date;
  action: A;
  /** Username of the worker who acts, or null for the citizen rating with the query code. */
  actor: string | null;
  /** A function, so that ids known only once earlier steps ran (the master of a 并单) can be used. */
  input: () => ActionInput<A>;
}

export type PlannedStep = { [A in AppealAction]: StepOf<A> }[AppealAction];

/** Every step of every appeal, submissions included, in the order they happened. */
export type TimelineEntry = { at: Date; appeal: PlannedAppeal; step: PlannedStep | null };

export function timeline(appeals: readonly PlannedAppeal[], now: Date): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const appeal of appeals) {
    entries.push({ at: appeal.receivedAt, appeal, step: null });
    for (const step of appeal.steps) {
      // What would happen after now has not happened yet: the appeal stays where it is.
      if (step.at > now) {
        break;
      }
      entries.push({ at: step.at, appeal, step });
    }
  }
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}
