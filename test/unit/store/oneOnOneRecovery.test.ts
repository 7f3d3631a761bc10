import assert from 'node:assert/strict';
import { openStores } from '../../../src/store';
import { cleanup, refusingRenamesOnto, tempDir } from './helpers';

/*
 * 1:1 notes a window could not save go to a recovery file, merged at the next start into the
 * file as it is then: what other windows saved meanwhile (nudges included) stays.
 */


describe('store/1:1 notes recovered at the next start', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('one-on-one-recovery'); });
  afterEach(() => cleanup(dir));

  it('keeps the nudges another window recorded meanwhile', async () => {
    const T = Date.UTC(2026, 11, 4, 10);
    const failing = refusingRenamesOnto(['one-on-ones.json']);
    const a = await openStores(dir, { fs: failing.fs, retryFirstMs: 60_000, recoveryFallbackDir: null });
    const b = await openStores(dir, { recoveryFallbackDir: null });
    await b.oneOnOnes.recordNudge('ana', { at: T, repo: 'acme/app', number: 3, url: 'https://github.com/acme/app/pull/3#c', kind: 'own-pr' });
    failing.arm(true);
    await a.oneOnOnes.saveNotes('ana', '2026-12-04', 'typed while saves failed', T);
    await a.close();
    await b.oneOnOnes.recordNudge('ana', { at: T + 1, repo: 'acme/app', number: 4, url: 'https://github.com/acme/app/pull/4#c', kind: 'own-pr' });
    await b.close();

    const c = await openStores(dir, { recoveryFallbackDir: null });
    const ana = await c.oneOnOnes.person('ana');
    assert.deepEqual(ana.meetings.map((m) => m.notes), ['typed while saves failed']);
    assert.deepEqual((ana.nudges ?? []).map((n) => n.number), [3, 4]);
    await c.close();
  });
});
