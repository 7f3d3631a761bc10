/**
 * When the sidebar may refresh, given the GraphQL budget GitHub reported in the last answer.
 * The budget (5,000 points an hour) is shared by every tool of the user: below 10 % of it, Lead
 * Desk refreshes at most every 15 minutes, and says so, until the window resets.
 */
export const LOW_BUDGET_SHARE = 0.1;
export const LOW_BUDGET_MINUTES = 15;

export interface BudgetReading {
  readonly remaining: number;
  readonly limit: number;
  /** Epoch ms. */
  readonly resetAt: number;
}

/** True when under 10 % of the budget is left and the window has not reset yet. */
export function isBudgetLow(budget: BudgetReading | null, now: number): boolean {
  if (!budget || budget.limit <= 0) return false;
  if (budget.resetAt > 0 && now >= budget.resetAt) return false;
  return budget.remaining < budget.limit * LOW_BUDGET_SHARE;
}

/** Minutes between scheduled refreshes: the setting (or GitHub's poll interval, if longer), or 15 when the budget is low. */
export function refreshIntervalMinutes(settingMinutes: number, pollSeconds: number, budget: BudgetReading | null, now: number): number {
  const base = Math.max(settingMinutes, pollSeconds / 60);
  return isBudgetLow(budget, now) ? Math.max(base, LOW_BUDGET_MINUTES) : base;
}

/**
 * Epoch ms before which a refresh must wait because the budget is low (the last refresh plus
 * 15 minutes, but never past the reset), or null when it may run now.
 */
export function heldUntil(budget: BudgetReading | null, lastRefreshAt: number | null, now: number): number | null {
  if (!isBudgetLow(budget, now) || lastRefreshAt === null) return null;
  let until = lastRefreshAt + LOW_BUDGET_MINUTES * 60_000;
  if (budget && budget.resetAt > 0) until = Math.min(until, budget.resetAt);
  return until > now ? until : null;
}
