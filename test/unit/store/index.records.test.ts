import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openStores } from '../../../src/store';
import { monthKey } from '../../../src/store/paths';
import { ReviewHistoryStore, reviewProblem } from '../../../src/store/reviewHistoryStore';
import { TaskStore, taskProblem } from '../../../src/store/taskStore';
import { cleanup, EventLog, tempDir } from './helpers';

/*
 * Bad data must not take a view down (Trust #9): every field a reader uses is checked when the
 * file is read; a malformed record is left out with one log line, and stays on disk when the
 * file is written back (a newer Lead Desk, or the user, may still want it).
 */

const goodTask = { id: 't-1', title: 'Review the RFC', assignee: 'ana', due: '2026-11-30', createdAt: 1_700_000_000_000 };
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('store/malformed records', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('records'); });
  afterEach(() => cleanup(dir));

  it('a task without an assignee is skipped with one log line, never moved aside, and kept on disk when tasks.json is written', async () => {
    const noAssignee = { id: 't-2', title: 'No one', due: null, createdAt: 1 };
    const file = path.join(dir, 'tasks.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, tasks: [goodTask, noAssignee] }));
    const events = new EventLog();
    const tasks = await TaskStore.open(dir, events);
    assert.deepEqual(tasks.list().map((t) => t.id), ['t-1'], 'readers never see it');
    assert.equal(events.recovered.length, 0, 'the file is not moved aside for one record');
    assert.equal(events.recordSkipped.length, 1);
    assert.match(events.recordSkipped[0].line, /"tasks".*id "t-2".*no assignee/);

    await tasks.add({ title: 'Another', assignee: 'bo', due: null, id: 't-3' });
    await tasks.patch('t-1', { due: null });
    await tasks.refresh();
    const onDisk = readJson(file).tasks as Array<Record<string, unknown>>;
    assert.deepEqual(onDisk.map((t) => t.id).sort(), ['t-1', 't-2', 't-3']);
    assert.deepEqual(onDisk.find((t) => t.id === 't-2'), noAssignee, 'written back untouched');
    assert.equal(events.recordSkipped.length, 1, 'one line per record, not per read');
    tasks.dispose();
  });

  it('a second task with the same id is skipped (no duplicate tree ids) and kept', async () => {
    const file = path.join(dir, 'tasks.json');
    const twin = { ...goodTask, title: 'twin' };
    fs.writeFileSync(file, JSON.stringify({ version: 1, tasks: [goodTask, twin] }));
    const events = new EventLog();
    const tasks = await TaskStore.open(dir, events);
    assert.deepEqual(tasks.list().map((t) => t.title), ['Review the RFC']);
    assert.match(events.recordSkipped[0]?.line ?? '', /used by an earlier record/);
    await tasks.add({ title: 'x', assignee: 'a', due: null });
    assert.equal((readJson(file).tasks as unknown[]).length, 3);
    tasks.dispose();
  });

  it('checks every field of a task that readers use', () => {
    assert.equal(taskProblem(goodTask), null);
    assert.equal(taskProblem({ ...goodTask, doneAt: 5, link: 'https://x', notes: 'n', repo: 'o/r', issueNumber: 7 }), null);
    assert.equal(taskProblem({ ...goodTask, due: undefined }), null, 'patch may remove the due date: no due date');
    const broken: Array<[string, unknown]> = [
      ['null', null], ['a list', [goodTask]],
      ['no id', { ...goodTask, id: undefined }], ['empty id', { ...goodTask, id: '' }],
      ['no title', { ...goodTask, title: 7 }], ['no assignee', { ...goodTask, assignee: undefined }],
      ['assignee not text', { ...goodTask, assignee: ['ana'] }], ['bad due', { ...goodTask, due: '30/11/2026' }],
      ['due a number', { ...goodTask, due: 20261130 }], ['no createdAt', { ...goodTask, createdAt: undefined }],
      ['createdAt text', { ...goodTask, createdAt: '2026' }], ['doneAt text', { ...goodTask, doneAt: 'yes' }],
      ['link not text', { ...goodTask, link: {} }], ['notes not text', { ...goodTask, notes: 1 }],
      ['repo not text', { ...goodTask, repo: 1 }], ['issueNumber text', { ...goodTask, issueNumber: '7' }],
    ];
    for (const [label, record] of broken) assert.notEqual(taskProblem(record), null, label);
  });

  it('checks every field of a morning review that the history and "what is new" read', () => {
    const section = { checked: true, seen: ['a'], counts: { total: 1 }, notes: '' };
    const review = { id: 'r-1', finishedAt: 1, sections: { team: section } };
    assert.equal(reviewProblem(review), null);
    const broken: Array<[string, unknown]> = [
      ['no id', { ...review, id: 1 }], ['no finishedAt', { ...review, finishedAt: null }],
      ['no sections', { ...review, sections: undefined }], ['section null', { ...review, sections: { team: null } }],
      ['checked text', { ...review, sections: { team: { ...section, checked: 'yes' } } }],
      ['seen missing', { ...review, sections: { team: { ...section, seen: undefined } } }],
      ['seen numbers', { ...review, sections: { team: { ...section, seen: [1] } } }],
      ['counts text', { ...review, sections: { team: { ...section, counts: { total: 'one' } } } }],
      ['notes missing', { ...review, sections: { team: { ...section, notes: undefined } } }],
    ];
    for (const [label, record] of broken) assert.notEqual(reviewProblem(record), null, label);
  });

  it('a review with a malformed section is skipped and kept when the year file is appended to', async () => {
    const finishedAt = new Date(2026, 5, 1, 9).getTime();
    const bad = { id: 'r-bad', finishedAt: finishedAt - 1000, sections: { team: { checked: true } } };
    fs.mkdirSync(path.join(dir, 'reviews'));
    const file = path.join(dir, 'reviews', '2026.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, year: '2026', reviews: [bad] }));
    const events = new EventLog();
    const reviews = await ReviewHistoryStore.open(dir, events);
    assert.deepEqual(await reviews.list(), []);
    await reviews.append({ finishedAt, sections: {} });
    assert.deepEqual((await reviews.list()).map((r) => r.finishedAt), [finishedAt]);
    assert.deepEqual((readJson(file).reviews as Array<{ id: string }>).map((r) => r.id).includes('r-bad'), true);
    assert.equal(events.recordSkipped.length, 1);
    assert.equal(events.recovered.length, 0);
    reviews.dispose();
  });

  it('a time entry with a malformed end is skipped, not the whole month, and kept when the month is written', async () => {
    const now = Date.now();
    const month = monthKey(now);
    fs.mkdirSync(path.join(dir, 'time'));
    const shard = path.join(dir, 'time', `${month}.json`);
    const good = { id: 'e-good', mode: 'technical', start: now - 7_200_000, end: now - 3_600_000 };
    const bad = { id: 'e-bad', mode: 'managerial', start: now - 3_000_000, end: 'soon' };
    fs.writeFileSync(shard, JSON.stringify({ version: 1, month, entries: [good, bad] }));
    const events = new EventLog();
    const stores = await openStores(dir, { ...events, recoveryFallbackDir: null });
    assert.deepEqual((await stores.time.entriesBetween(now - 86_400_000, now + 1)).map((e) => e.id), ['e-good']);
    await stores.time.start('technical', now - 1000);
    await stores.time.pause(now);
    const ids = (readJson(shard).entries as Array<{ id: string }>).map((e) => e.id);
    assert.equal(ids.length, 3, ids.join());
    assert.ok(ids.includes('e-bad'), 'kept on disk');
    assert.equal(events.recovered.length, 0, 'the month is not moved aside');
    assert.equal(events.recordSkipped.filter((e) => /e-bad/.test(e.line)).length, 1);
    await stores.close();
  });
});
