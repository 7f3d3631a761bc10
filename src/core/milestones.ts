import { differenceInCalendarDays, startOfDay, subDays } from 'date-fns';
import { parseLocalDateOrNull } from './localDate';
import { countWorkingDays, MONDAY_TO_FRIDAY } from './workingDays';

export interface MilestoneProgressInput {
  readonly open: number;
  readonly closed: number;
  /** Due date as a local `yyyy-MM-dd` (see `milestoneDueDate`), or `null` for none. */
  readonly dueOn: string | null;
  /** Issues of this milestone closed during the last `windowDays` calendar days. */
  readonly closedRecently: number;
  readonly windowDays: number;
}

export type MilestoneRiskReason = 'complete' | 'no-due-date' | 'overdue' | 'outpaced' | 'on-track';

export interface MilestoneRisk {
  /** closed / (open + closed); 0 for an empty milestone. */
  readonly progress: number;
  /** Calendar days from today to the due date; negative when overdue, `null` without a due date. */
  readonly daysLeft: number | null;
  /** Working days from today to the due date, both included; 0 when overdue or undated. */
  readonly businessDaysLeft: number;
  /** Issues closed per working day over the recent window. */
  readonly rate: number;
  /** rate × businessDaysLeft: how many issues the team would close at its recent pace. */
  readonly projectedClosable: number;
  readonly atRisk: boolean;
  readonly reason: MilestoneRiskReason;
}

/**
 * The at-risk rule: a milestone with open issues is at risk when it is overdue, or when
 * `open > rate × businessDaysLeft` — the recent closing pace (issues closed per working day over
 * the last `windowDays`) would not clear the open issues in the working days left. Today counts
 * as a working day left, since the morning review runs at the start of it.
 */
export function milestoneRisk(
  milestone: MilestoneProgressInput,
  now: number,
  workingDays: readonly number[] = MONDAY_TO_FRIDAY,
): MilestoneRisk {
  const open = Math.max(0, milestone.open);
  const closed = Math.max(0, milestone.closed);
  const progress = open + closed === 0 ? 0 : closed / (open + closed);
  const today = startOfDay(now);

  const windowDays = Math.max(0, Math.floor(milestone.windowDays));
  // The window is the `windowDays` calendar days ending yesterday plus today so far.
  const windowWorkingDays = windowDays === 0 ? 0 : countWorkingDays(subDays(today, windowDays - 1), today, workingDays);
  const rate = windowWorkingDays === 0 ? 0 : Math.max(0, milestone.closedRecently) / windowWorkingDays;

  const due = milestone.dueOn === null ? null : parseLocalDateOrNull(milestone.dueOn);
  const daysLeft = due === null ? null : differenceInCalendarDays(due, today);
  const businessDaysLeft = due === null ? 0 : countWorkingDays(today, due, workingDays);
  const projectedClosable = rate * businessDaysLeft;

  const base = { progress, daysLeft, businessDaysLeft, rate, projectedClosable };
  if (open === 0) return { ...base, atRisk: false, reason: 'complete' };
  if (daysLeft === null) return { ...base, atRisk: false, reason: 'no-due-date' };
  if (daysLeft < 0) return { ...base, atRisk: true, reason: 'overdue' };
  if (open > projectedClosable) return { ...base, atRisk: true, reason: 'outpaced' };
  return { ...base, atRisk: false, reason: 'on-track' };
}

/**
 * The due date GitHub means by a milestone's `due_on`. GitHub stores a date picked in its UI as
 * an instant early on that day in UTC (e.g. `2024-05-01T07:00:00Z`); converting that instant to
 * local time would move it to the previous day west of UTC, so the UTC date part is the date.
 */
export function milestoneDueDate(dueOn: string | null | undefined): string | null {
  if (!dueOn) return null;
  const at = Date.parse(dueOn);
  return Number.isNaN(at) ? null : new Date(at).toISOString().slice(0, 10);
}
