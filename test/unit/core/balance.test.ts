import assert from 'node:assert/strict';
import fc from 'fast-check';
import { balanceAgainstTarget, MIN_JUDGED_MS } from '../../../src/core/balance';
import { HOUR, MINUTE } from './timeZone';

describe('balanceAgainstTarget', () => {
  it('reports share, delta in points and minutes against the target', () => {
    const b = balanceAgainstTarget({ technical: 3 * HOUR, managerial: HOUR }, 60);
    assert.equal(b.totalMs, 4 * HOUR);
    assert.equal(b.technicalPercent, 75);
    assert.equal(b.deltaPoints, 15);
    assert.equal(b.deltaMinutes, 36); // 180 min − 60% of 240 min
    assert.equal(b.state, 'too-technical');
  });

  it('is too managerial below the target band', () => {
    const b = balanceAgainstTarget({ technical: HOUR, managerial: 3 * HOUR }, 60);
    assert.equal(b.deltaPoints, -35);
    assert.equal(b.deltaMinutes, -84);
    assert.equal(b.state, 'too-managerial');
  });

  it('is on target within ±5 points, edges included', () => {
    assert.equal(balanceAgainstTarget({ technical: 65 * MINUTE, managerial: 35 * MINUTE }, 60).state, 'on-target');
    assert.equal(balanceAgainstTarget({ technical: 55 * MINUTE, managerial: 45 * MINUTE }, 60).state, 'on-target');
    assert.equal(balanceAgainstTarget({ technical: 66 * MINUTE, managerial: 34 * MINUTE }, 60).state, 'too-technical');
    assert.equal(balanceAgainstTarget({ technical: 54 * MINUTE, managerial: 46 * MINUTE }, 60).state, 'too-managerial');
  });

  it('has no data when nothing was tracked', () => {
    const b = balanceAgainstTarget({ technical: 0, managerial: 0 }, 60);
    assert.equal(b.state, 'no-data');
    assert.equal(b.technicalPercent, null);
    assert.equal(b.deltaMinutes, 0);
  });

  it('gives no verdict on less than a minute of tracking (a few seconds are noise)', () => {
    const b = balanceAgainstTarget({ technical: 0, managerial: 20_000 }, 60);
    assert.equal(b.state, 'no-data');
    assert.equal(b.technicalPercent, null);
    assert.equal(b.totalMs, 20_000);
    assert.equal(balanceAgainstTarget({ technical: 0, managerial: MINUTE }, 60).state, 'too-managerial');
  });

  it('clamps the target to 0–100 and rejects NaN', () => {
    assert.equal(balanceAgainstTarget({ technical: HOUR, managerial: 0 }, 140).targetPercent, 100);
    assert.equal(balanceAgainstTarget({ technical: HOUR, managerial: 0 }, 140).state, 'on-target');
    assert.equal(balanceAgainstTarget({ technical: 0, managerial: HOUR }, -10).state, 'on-target');
    assert.throws(() => balanceAgainstTarget({ technical: HOUR, managerial: 0 }, Number.NaN), RangeError);
  });

  it('keeps share in 0–100 and the state consistent with the delta', () => {
    fc.assert(
      fc.property(fc.nat(10 * HOUR), fc.nat(10 * HOUR), fc.integer({ min: 0, max: 100 }), (technical, managerial, target) => {
        const b = balanceAgainstTarget({ technical, managerial }, target);
        if (technical + managerial < MIN_JUDGED_MS) return assert.equal(b.state, 'no-data');
        assert.ok(b.technicalPercent! >= 0 && b.technicalPercent! <= 100);
        assert.ok(Math.abs(b.deltaPoints - (b.technicalPercent! - target)) < 1e-9);
        const expected = Math.abs(b.deltaPoints) <= 5 ? 'on-target' : b.deltaPoints > 0 ? 'too-technical' : 'too-managerial';
        assert.equal(b.state, expected);
        assert.ok(Math.sign(b.deltaMinutes) === 0 || Math.sign(b.deltaMinutes) === Math.sign(b.deltaPoints));
      }),
    );
  });
});
