/**
 * The due date of a delegated GitHub issue or PR. GitHub has no per-issue due date, so two
 * conventions stand in for it: a line `Due: YYYY-MM-DD` in the issue body, and the `due_on` of
 * the issue's milestone. The body line wins: it was written for this one issue, while a
 * milestone's date is the deadline of a whole batch of work.
 */
import { isLocalDate } from './localDate';
import { milestoneDueDate } from './milestones';

export type IssueDueSource = 'body' | 'milestone';

export interface IssueDue {
  /** Local calendar day, `yyyy-MM-dd`. */
  readonly date: string;
  readonly source: IssueDueSource;
}

/**
 * `Due: 2026-12-04` on a line of its own, in any case, optionally as a list item or in bold
 * (`- **Due:** 2026-12-04`), with anything after the date (`Due: 2026-12-04 (for the release)`).
 */
const DUE_LINE = /^[ \t]{0,3}(?:[-*+][ \t]+)?(?:\*\*|__)?due(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*(\d{4}-\d{2}-\d{2})(?![\d-])/gim;

/** The first valid `Due:` line's date in `body`, or null (an impossible date such as 2026-02-30 is ignored). */
export function dueFromBody(body: string | null | undefined): string | null {
  if (typeof body !== 'string' || body === '') return null;
  for (const match of body.matchAll(DUE_LINE)) {
    if (isLocalDate(match[1])) return match[1]!;
  }
  return null;
}

export function issueDue(issue: { readonly body?: string | null; readonly milestoneDueOn?: string | null }): IssueDue | null {
  const fromBody = dueFromBody(issue.body);
  if (fromBody !== null) return { date: fromBody, source: 'body' };
  const fromMilestone = milestoneDueDate(issue.milestoneDueOn);
  return fromMilestone !== null && isLocalDate(fromMilestone) ? { date: fromMilestone, source: 'milestone' } : null;
}

/** `body` with its `Due:` line set to `date` (replaced if there is one, else appended). */
export function withDueLine(body: string | null | undefined, date: string): string {
  const text = typeof body === 'string' ? body : '';
  const line = `Due: ${date}`;
  let replaced = false;
  const updated = text.replace(DUE_LINE, (whole) => {
    if (replaced) return whole;
    replaced = true;
    return line;
  });
  if (replaced) return updated;
  return text.trim() === '' ? line : `${text.replace(/\s+$/, '')}\n\n${line}`;
}
