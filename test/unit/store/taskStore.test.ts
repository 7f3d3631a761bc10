import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { TaskStore } from '../../../src/store/taskStore';
import { cleanup, tempDir } from './helpers';

describe('store/TaskStore', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('tasks'); });
  afterEach(() => cleanup(dir));

  it('adds, patches, completes, reopens and removes tasks, all kept on disk', async () => {
    const tasks = await TaskStore.open(dir);
    const task = await tasks.add({ title: 'Write the ADR', assignee: 'ana', due: '2026-12-01', repo: 'acme/api', issueNumber: 42 }, 1000);
    assert.equal(task.createdAt, 1000);
    assert.match(task.id, /^t-/);
    assert.equal((await tasks.patch(task.id, { notes: 'ping on Friday', due: null }))?.notes, 'ping on Friday');
    assert.equal((await tasks.complete(task.id, 2000))?.doneAt, 2000);
    assert.equal('doneAt' in (await tasks.reopen(task.id))!, false);
    const other = await tasks.add({ title: 'Review the rollout', assignee: 'bo', due: null, link: 'https://example.invalid/1' });

    const again = await TaskStore.open(dir);
    assert.deepEqual(again.list(), tasks.list());
    assert.deepEqual(again.get(task.id), { ...task, notes: 'ping on Friday', due: null });
    assert.equal(await again.remove(task.id), true);
    assert.equal(await again.remove(task.id), false);
    assert.deepEqual(again.list().map((t) => t.id), [other.id]);
    assert.equal(JSON.parse(fs.readFileSync(again.path, 'utf8')).version, 1);
    assert.equal(await tasks.patch('nope', { title: 'x' }), null);
  });

  it('rejects a malformed due date or an empty title, saving nothing', async () => {
    const tasks = await TaskStore.open(dir);
    await assert.rejects(tasks.add({ title: 'x', assignee: 'a', due: '01/12/2026' }), RangeError);
    await assert.rejects(tasks.add({ title: ' ', assignee: 'a', due: null }), RangeError);
    await assert.rejects(tasks.patch('t', { due: '2026-13-01' }), RangeError);
    assert.equal(fs.existsSync(tasks.path), false);
  });

  it('adding an id again replaces that task (a retried add is harmless)', async () => {
    const tasks = await TaskStore.open(dir);
    await tasks.add({ id: 'same', title: 'first', assignee: 'a', due: null });
    await tasks.add({ id: 'same', title: 'second', assignee: 'a', due: null });
    assert.deepEqual(tasks.list().map((t) => t.title), ['second']);
  });

  it('two windows adding at once lose nothing', async () => {
    const [a, b] = await Promise.all([TaskStore.open(dir), TaskStore.open(dir)]);
    await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).add({ title: `t${i}`, assignee: 'a', due: null })));
    await a.refresh();
    assert.equal(a.list().length, 100);
  });
});
