import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReviewHistoryStore, type MorningReview } from '../../../src/store/reviewHistoryStore';
import { cleanup, EventLog, tempDir } from './helpers';

const review = (id: string, finishedAt: number): Omit<MorningReview, 'id'> & { id: string } => ({
  id,
  finishedAt,
  sections: { pendingReviews: { checked: true, seen: ['acme/api#1', 'acme/api#7'], counts: { waiting: 2 }, notes: '' } },
});

describe('store/ReviewHistoryStore', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('reviews'); });
  afterEach(() => cleanup(dir));

  it('appends reviews into one file per local year and lists them newest first', async () => {
    const reviews = await ReviewHistoryStore.open(dir);
    const dec31 = new Date(2025, 11, 31, 9).getTime();
    const jan2 = new Date(2026, 0, 2, 9).getTime();
    const jan5 = new Date(2026, 0, 5, 9).getTime();
    await reviews.append(review('b', jan2));
    await reviews.append(review('a', dec31));
    await reviews.append(review('c', jan5));
    assert.deepEqual(fs.readdirSync(path.join(dir, 'reviews')).sort(), ['2025.json', '2026.json']);
    assert.deepEqual((await reviews.list()).map((r) => r.id), ['c', 'b', 'a']);
    assert.deepEqual((await reviews.list({ limit: 2 })).map((r) => r.id), ['c', 'b']);
    assert.deepEqual((await reviews.list({ since: jan2 })).map((r) => r.id), ['c', 'b']);
    assert.equal((await reviews.latest())?.id, 'c');
    assert.deepEqual((await (await ReviewHistoryStore.open(dir)).list()).map((r) => r.id), ['c', 'b', 'a']);
  });

  it('appending an id again replaces it; an empty history has no latest', async () => {
    const reviews = await ReviewHistoryStore.open(dir);
    assert.equal(await reviews.latest(), null);
    await reviews.append(review('x', Date.UTC(2026, 5, 1)));
    await reviews.append({ ...review('x', Date.UTC(2026, 5, 1)), sections: {} });
    const all = await reviews.list();
    assert.equal(all.length, 1);
    assert.deepEqual(all[0].sections, {});
  });

  it('a damaged year file is moved aside and reported; other years are untouched', async () => {
    fs.mkdirSync(path.join(dir, 'reviews'));
    fs.writeFileSync(path.join(dir, 'reviews', '2025.json'), '{"version":1,"year":"2025","reviews":[{"id"');
    const events = new EventLog();
    const reviews = await ReviewHistoryStore.open(dir, events);
    await reviews.append(review('new', new Date(2026, 2, 3).getTime()));
    assert.deepEqual((await reviews.list()).map((r) => r.id), ['new']);
    assert.equal(events.recovered.length, 1);
    assert.match(path.basename(events.recovered[0].movedTo), /^2025\.corrupt-.*\.json$/);
  });
});
