/** The sidebar snapshot file: round trip, and a damaged file dropped with one log line. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SNAPSHOT_FILE, SnapshotStore } from '../../../src/store/snapshotStore';

const isData = (d: unknown): d is { items: number[] } => typeof d === 'object' && d !== null && Array.isArray((d as { items?: unknown }).items);

describe('snapshot store', () => {
  let dir: string;
  let lines: string[];
  const store = () => new SnapshotStore(dir, { check: isData, log: (l) => lines.push(l) });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-desk-snapshot-'));
    lines = [];
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads back what it wrote, with its owner', async () => {
    await store().write({ savedAt: 1, origin: 'https://api.github.com', account: 'lead', session: 'k', data: { items: [1, 2] } });
    const s = await store().read();
    assert.deepEqual(s, { version: 1, savedAt: 1, origin: 'https://api.github.com', account: 'lead', session: 'k', data: { items: [1, 2] } });
    assert.deepEqual(lines, []);
    await store().clear();
    assert.equal(await store().read(), undefined);
    assert.deepEqual(lines, [], 'no file is no problem');
  });

  for (const [name, text] of [['truncated', '{"version":1,"savedAt":1,"ori'], ['wrong shape', JSON.stringify({ version: 1, savedAt: 1, origin: 'o', account: 'a', session: 'k', data: { items: 'x' } })], ['another version', '{"version":9}']] as const) {
    it(`drops a ${name} file with one log line`, async () => {
      fs.writeFileSync(path.join(dir, SNAPSHOT_FILE), text);
      assert.equal(await store().read(), undefined);
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(lines[0]!, /sidebar-snapshot\.json dropped: .*only a cache/);
      assert.equal(fs.existsSync(path.join(dir, SNAPSHOT_FILE)), false, 'deleted, not moved aside');
      assert.deepEqual(fs.readdirSync(dir), []);
    });
  }
});
