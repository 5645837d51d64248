import type { SubmitAppealResult } from '../../types';

const KEY = 'lianxin.lastSubmission';

/** Kept for this browser tab only, so the result page survives a reload but the query code does not linger. */
export function saveLastSubmission(result: SubmitAppealResult): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(result));
  } catch {
    // Private mode or storage full: the page still shows the result from the router state.
  }
}

export function readLastSubmission(): SubmitAppealResult | null {
  try {
    const text = sessionStorage.getItem(KEY);
    return text ? (JSON.parse(text) as SubmitAppealResult) : null;
  } catch {
    return null;
  }
}
