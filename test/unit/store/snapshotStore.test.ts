/** The sidebar snapshot file: round trip, and a damaged file dropped with one log line. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RESPONSE_CACHE_FILE, SIDEBAR_SNAPSHOT_SCHEMA, SNAPSHOT_FILE, SnapshotStore } from '../../../src/store/snapshotStore';

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
    assert.deepEqual(s, { version: 1, schema: SIDEBAR_SNAPSHOT_SCHEMA, savedAt: 1, origin: 'https://api.github.com', account: 'lead', session: 'k', data: { items: [1, 2] } });
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

  describe('the data schema', () => {
    const owner = { savedAt: 1, origin: 'https://api.github.com', account: 'lead', session: 'k' };

    it('drops a snapshot an older Lead Desk wrote (no data schema): it is not painted as if complete', async () => {
      // As the sidebar saved it before the schema: no teamLoad, no schema.
      const old = { version: 1, ...owner, data: { items: [1], reviews: [], reviewsTotal: 0, delegatedIssues: [], ownPullRequests: [], rateLimit: null } };
      fs.writeFileSync(path.join(dir, SNAPSHOT_FILE), JSON.stringify(old));
      assert.equal(await store().read(), undefined);
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(lines[0]!, /sidebar-snapshot\.json dropped: an older Lead Desk wrote it \(data schema none, this one reads 1\)/);
      assert.equal(fs.existsSync(path.join(dir, SNAPSHOT_FILE)), false, 'the next refresh writes a complete one');
    });

    it('drops one of an older schema, and writes its own', async () => {
      const older = new SnapshotStore(dir, { check: isData, schema: SIDEBAR_SNAPSHOT_SCHEMA + 1, log: (l) => lines.push(l) });
      const newer = new SnapshotStore(dir, { check: isData, schema: SIDEBAR_SNAPSHOT_SCHEMA + 2, log: (l) => lines.push(l) });
      await older.write({ ...owner, data: { items: [1] } });
      assert.equal(await newer.read(), undefined);
      assert.match(lines.join('\n'), /dropped: an older Lead Desk wrote it \(data schema 2, this one reads 3\)/);
      await newer.write({ ...owner, data: { items: [2] } });
      assert.deepEqual((await newer.read())?.data, { items: [2] });
      assert.equal(JSON.parse(fs.readFileSync(path.join(dir, SNAPSHOT_FILE), 'utf8')).schema, SIDEBAR_SNAPSHOT_SCHEMA + 2);
    });

    it("does not paint a newer Lead Desk's snapshot, and leaves it for that window", async () => {
      const text = JSON.stringify({ version: 1, schema: SIDEBAR_SNAPSHOT_SCHEMA + 1, ...owner, data: { items: [1] } });
      fs.writeFileSync(path.join(dir, SNAPSHOT_FILE), text);
      assert.equal(await store().read(), undefined);
      assert.match(lines.join('\n'), /not painted: a newer Lead Desk wrote it/);
      assert.equal(fs.readFileSync(path.join(dir, SNAPSHOT_FILE), 'utf8'), text, 'kept as it was');
    });

    it('another file without a schema (the response cache) is written and read without one', async () => {
      const responses = new SnapshotStore(dir, { file: RESPONSE_CACHE_FILE, check: isData });
      await responses.write({ ...owner, data: { items: [3] } });
      assert.equal('schema' in JSON.parse(fs.readFileSync(path.join(dir, RESPONSE_CACHE_FILE), 'utf8')), false);
      assert.deepEqual((await responses.read())?.data, { items: [3] });
    });
  });
});
