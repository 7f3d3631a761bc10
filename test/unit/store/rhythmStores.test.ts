import assert from 'node:assert/strict';
import type { AlertRun } from '../../../src/core/buildAlerts';
import { openStores } from '../../../src/store';
import { AlertStore } from '../../../src/store/alertStore';
import { OneOnOneStore } from '../../../src/store/oneOnOneStore';
import { cleanup, tempDir } from './helpers';

const run = (runId: number, conclusion: string): AlertRun => ({ workflowId: 9, name: 'deploy', runId, headBranch: 'main', status: 'completed', conclusion, createdAt: runId, url: '' });

describe('store/AlertStore and OneOnOneStore', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('rhythm'); });
  afterEach(() => cleanup(dir));

  it('two windows seeing the same failure at once notify once between them', async () => {
    const [a, b] = await Promise.all([AlertStore.open(dir), AlertStore.open(dir)]);
    await a.observe('acme/infra', 'main', [run(1, 'success')], 'all');
    const [ra, rb] = await Promise.all([
      a.observe('acme/infra', 'main', [run(1, 'success'), run(2, 'failure')], 'all'),
      b.observe('acme/infra', 'main', [run(1, 'success'), run(2, 'failure')], 'all'),
    ]);
    assert.equal(ra.newFailures.length + rb.newFailures.length, 1);
    await b.refresh();
    assert.equal(b.get('acme/infra', 9)?.state, 'red');
    await a.keepOnly(['acme/api']);
    assert.equal((await AlertStore.open(dir)).get('acme/infra', 9), undefined);
  });

  it('keeps 1:1 notes and action items across a reopen, carried to the next 1:1', async () => {
    const first = await OneOnOneStore.open(dir);
    await first.saveNotes('mira', '2026-11-16', 'Wants to lead the cache work', 1);
    const item = await first.addAction('mira', 'Share the cache ADR', '2026-11-16', 2);
    await first.addAction('mira', 'Book the offsite', '2026-11-16', 3);
    await first.recordNudge('Mira', { at: 4, repo: 'acme/api', number: 4, url: 'https://github.com/acme/api/issues/4' });
    first.dispose();

    const stores = await openStores(dir);
    const next = await stores.oneOnOnes.person('MIRA');
    assert.deepEqual(next.meetings.map((m) => [m.date, m.notes]), [['2026-11-16', 'Wants to lead the cache work']]);
    assert.deepEqual(next.actions.map((a) => [a.text, a.doneAt]), [['Share the cache ADR', undefined], ['Book the offsite', undefined]]);
    assert.equal(next.nudges?.length, 1);
    assert.equal(await stores.oneOnOnes.setActionDone('mira', item.id, true, 5), true);
    await stores.oneOnOnes.saveNotes('mira', '2026-11-23', 'Cache ADR shared', 6);
    await stores.close();

    const third = await OneOnOneStore.open(dir);
    const p = await third.person('mira');
    assert.deepEqual(p.meetings.map((m) => m.date), ['2026-11-16', '2026-11-23']);
    assert.equal(p.actions.find((a) => a.id === item.id)?.doneAt, 5);
    await assert.rejects(third.addAction('not a login!', 'x', '2026-11-23'), /not a GitHub login/);
  });
});
