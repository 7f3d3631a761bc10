import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AlertRun } from '../../../src/core/buildAlerts';
import { openStores } from '../../../src/store';
import { AlertStore } from '../../../src/store/alertStore';
import { OneOnOneStore } from '../../../src/store/oneOnOneStore';
import { cleanup, EventLog, tempDir } from './helpers';

const LEAD = { origin: 'https://api.github.com', account: 'lead' };
const run = (runId: number, conclusion: string): AlertRun => ({ workflowId: 9, name: 'deploy', runId, headBranch: 'main', status: 'completed', conclusion, createdAt: runId, url: '' });

describe('store/AlertStore and OneOnOneStore', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('rhythm'); });
  afterEach(() => cleanup(dir));

  it('two windows seeing the same failure at once notify once between them', async () => {
    const [a, b] = await Promise.all([AlertStore.open(dir), AlertStore.open(dir)]);
    await a.observe(LEAD, 'acme/infra', 'main', [run(1, 'success')], 'all');
    const [ra, rb] = await Promise.all([
      a.observe(LEAD, 'acme/infra', 'main', [run(1, 'success'), run(2, 'failure')], 'all'),
      b.observe(LEAD, 'acme/infra', 'main', [run(1, 'success'), run(2, 'failure')], 'all'),
    ]);
    assert.equal(ra.newFailures.length + rb.newFailures.length, 1);
    await b.refresh();
    assert.equal(b.get(LEAD, 'acme/infra', 9)?.state, 'red');
    await a.keepOnly(LEAD, ['acme/api']);
    assert.equal((await AlertStore.open(dir)).get(LEAD, 'acme/infra', 9), undefined);
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

describe('store/OneOnOneStore nudges', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('nudges'); });
  afterEach(() => cleanup(dir));

  it('keeps who, what and when of each nudge, with its kind, for every person', async () => {
    const store = await OneOnOneStore.open(dir);
    await store.recordNudge('Mira', { at: 10, repo: 'acme/api', number: 4, url: 'https://github.com/acme/api/issues/4#c1', kind: 'delegated' });
    await store.recordNudge('jun', { at: 20, repo: 'acme/web', number: 7, url: 'https://github.com/acme/web/pull/7#c2', kind: 'own-pr' });
    store.dispose();
    const again = await OneOnOneStore.open(dir);
    assert.deepEqual((await again.allNudges()).map((n) => [n.who, n.repo, n.number, n.at, n.kind]), [['Mira', 'acme/api', 4, 10, 'delegated'], ['jun', 'acme/web', 7, 20, 'own-pr']]);
    await assert.rejects(again.recordNudge('mira', { at: Number.NaN, repo: 'acme/api', number: 4, url: '' }), /not a nudge/);
    again.dispose();
  });

  it('reads a nudge of an unknown kind (a newer Lead Desk) as one without a kind, and writes it back as it was', async () => {
    const file = path.join(dir, 'one-on-ones.json');
    const newer = { at: 5, repo: 'acme/api', number: 1, url: 'u', kind: 'from-the-future' };
    fs.writeFileSync(file, JSON.stringify({ version: 1, people: { mira: { login: 'mira', meetings: [], actions: [], nudges: [newer] } } }));
    const store = await OneOnOneStore.open(dir);
    assert.deepEqual((await store.allNudges()).map((n) => [n.at, n.kind]), [[5, undefined]]);
    await store.recordNudge('mira', { at: 6, repo: 'acme/api', number: 1, url: 'v', kind: 'delegated' });
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8')) as { people: { mira: { nudges: unknown[] } } };
    assert.deepEqual(onDisk.people.mira.nudges[0], newer);
    store.dispose();
  });

  it('sets aside (and reports) a person whose nudges are damaged, keeping them on disk', async () => {
    const file = path.join(dir, 'one-on-ones.json');
    const damaged = { login: 'jun', meetings: [], actions: [], nudges: [{ at: 'yesterday', repo: 'acme/api', number: 1, url: 'u' }] };
    fs.writeFileSync(file, JSON.stringify({ version: 1, people: { jun: damaged } }));
    const events = new EventLog();
    const store = await OneOnOneStore.open(dir, events);
    assert.deepEqual(await store.allNudges(), []);
    assert.equal(events.recordSkipped.length, 1);
    assert.match(events.recordSkipped[0].line, /"nudges" in "people" \("jun".*not a nudge record/);
    await store.recordNudge('mira', { at: 6, repo: 'acme/api', number: 1, url: 'v', kind: 'delegated' });
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8')) as { people: Record<string, unknown> };
    assert.deepEqual(onDisk.people.jun, damaged, 'nothing saved is lost');
    store.dispose();
  });
});
