/**
 * The Team section's "Unanswered nudges": yesterday's nudges (see `yesterdaysNudges`) that the
 * nudged person has not answered — no comment, review or push on the item since. GitHub is asked
 * once for all of them (`nudgeAnswers`); when it cannot be asked, every nudge is listed as "no
 * answer known" with a note saying why. Free of `vscode`.
 */
import { isAnswered, itemKey, yesterdaysNudges, type ItemActivity, type NudgeRecord } from '../core/nudges';
import { describeError } from '../util/errors';
import { GitHubFailure } from '../github/api';
import { dayAndTime } from './format';
import type { NudgesView } from './protocol';
import { fill } from '../core/fill';
import type { ReviewWords } from './words';

/** Asks GitHub for the activity on the nudged items; undefined when signed out. */
export type AskAnswers = (nudges: readonly NudgeRecord[]) => Promise<ReadonlyMap<string, readonly ItemActivity[]> | undefined>;

const line = (n: NudgeRecord, detail: string, locale: string, words: ReviewWords) => ({
  id: `nudge:${n.who.toLowerCase()}:${itemKey(n.repo, n.number)}:${n.at}`,
  text: fill(words.nudgeOn, n.who, `${n.repo}#${n.number}`),
  url: n.url,
  detail: fill(words.nudged, dayAndTime(n.at, locale), detail),
});

export async function unansweredNudges(records: readonly NudgeRecord[], now: number, workingDays: readonly number[], ask: AskAnswers, locale: string, words: ReviewWords): Promise<NudgesView> {
  const nudges = yesterdaysNudges(records, now, workingDays);
  if (nudges.length === 0) return { items: [], note: null, asked: 0 };
  let answers: ReadonlyMap<string, readonly ItemActivity[]> | undefined;
  let why: string | null = null;
  try {
    answers = await ask(nudges);
    if (answers === undefined) why = words.nudgeSignedOut;
  } catch (e) {
    why = e instanceof GitHubFailure ? e.describe() : describeError(e);
  }
  if (answers === undefined) {
    return { items: nudges.map((n) => line(n, words.noAnswerKnown, locale, words)), note: fill(words.nudgeNotAsked, why ?? words.noAnswer), asked: nudges.length };
  }
  const items = nudges.flatMap((n) => {
    const activity = answers.get(itemKey(n.repo, n.number));
    if (activity === undefined) return [line(n, words.noAnswerUnsaid, locale, words)];
    return isAnswered(n, activity) ? [] : [line(n, words.noAnswer, locale, words)];
  });
  return { items, note: null, asked: nudges.length };
}
