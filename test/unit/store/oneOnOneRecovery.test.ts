import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openStores } from '../../../src/store';
import type { StoreFs } from '../../../src/store/storeFs';
import { cleanup, tempDir } from './helpers';

/*
 * 1:1 notes a window could not save go to a recovery file, merged at the next start into the
 * file as it is then: what other windows saved meanwhile (nudges included) stays.
 */

/** Real fs whose renames onto one-on-ones.json fail with EACCES while armed. */
function refusingOneOnOnes(): { fs: StoreFs; arm: (on: boolean) => void } {
  let armed = false;
  const p = fs.promises;
  const storeFs: StoreFs = {
    readFileSync: fs.readFileSync,
    rmSync: fs.rmSync,
    promises: {
      ...p,
      rename: async (from: fs.PathLike, to: fs.PathLike) => {
        if (armed && path.basename(String(to)) === 'one-on-ones.json') throw Object.assign(new Error('EACCES: injected'), { code: 'EACCES' });
        return p.rename(from, to);
      },
    } as StoreFs['promises'],
  };
  return { fs: storeFs, arm: (on) => { armed = on; } };
}

describe('store/1:1 notes recovered at the next start', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('one-on-one-recovery'); });
  afterEach(() => cleanup(dir));

  it('keeps the nudges another window recorded meanwhile', async () => {
    const T = Date.UTC(2026, 11, 4, 10);
    const failing = refusingOneOnOnes();
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
