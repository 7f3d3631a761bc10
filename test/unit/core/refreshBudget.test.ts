/** The budget rule: below 10 % of GitHub's GraphQL budget, refresh at most every 15 minutes until the reset. */
import assert from 'node:assert/strict';
import { heldUntil, isBudgetLow, refreshIntervalMinutes } from '../../../src/core/refreshBudget';

const MIN = 60_000;
const now = Date.UTC(2026, 10, 2, 10, 0);
const budget = (remaining: number, resetIn = 40 * MIN) => ({ remaining, limit: 5000, resetAt: now + resetIn });

describe('refresh budget', () => {
  it('is low under 10 % of the limit, not at 10 % and not after the reset', () => {
    assert.equal(isBudgetLow(budget(499), now), true);
    assert.equal(isBudgetLow(budget(500), now), false);
    assert.equal(isBudgetLow(budget(10, -1), now), false, 'the window has reset');
    assert.equal(isBudgetLow(null, now), false);
  });

  it('schedules every 15 minutes while low, else the setting or GitHub\'s poll interval', () => {
    assert.equal(refreshIntervalMinutes(5, 60, budget(4000), now), 5);
    assert.equal(refreshIntervalMinutes(5, 600, budget(4000), now), 10);
    assert.equal(refreshIntervalMinutes(5, 60, budget(100), now), 15);
    assert.equal(refreshIntervalMinutes(30, 60, budget(100), now), 30);
  });

  it('holds a refresh until 15 minutes after the last one, never past the reset', () => {
    assert.equal(heldUntil(budget(100), now - 5 * MIN, now), now + 10 * MIN);
    assert.equal(heldUntil(budget(100, 3 * MIN), now - 5 * MIN, now), now + 3 * MIN);
    assert.equal(heldUntil(budget(100), now - 16 * MIN, now), null);
    assert.equal(heldUntil(budget(4000), now - 1 * MIN, now), null);
    assert.equal(heldUntil(budget(100), null, now), null);
  });
});
