import assert from 'node:assert/strict';
import fc from 'fast-check';
import { filterChoices, filterQueue, sortQueue, toQueueRows, type ReviewSortKey } from '../../../src/core/reviewQueue';
import { requestedAtFromTimeline, sortOldestFirst, summarizeQueue, type PendingReview, type TimelineEvent } from '../../../src/core/reviews';
import { at, HOUR, inTimeZone } from './timeZone';

function review(number: number, requestedAt: number, extra: Partial<PendingReview> = {}): PendingReview {
  return {
    repo: 'acme/api', number, title: `PR ${number}`, author: 'dana', url: `https://github.com/acme/api/pull/${number}`,
    requestedAt, createdAt: requestedAt, direct: true, additions: 10, deletions: 5, draft: false, ci: 'success', labels: [],
    ...extra,
  };
}

describe('requestedAtFromTimeline', () => {
  const created = Date.parse('2024-05-01T08:00:00Z');
  const requested = (iso: string, who: { login?: string; team?: string }): TimelineEvent => ({
    event: 'review_requested', created_at: iso,
    requested_reviewer: who.login ? { login: who.login } : null, requested_team: who.team ? { slug: who.team } : null,
  });

  it('takes the latest request naming me, case-insensitively, ignoring requests for others', () => {
    const events = [
      requested('2024-05-01T09:00:00Z', { login: 'Lead' }),
      requested('2024-05-03T09:00:00Z', { login: 'someone-else' }),
      { event: 'commented', created_at: '2024-05-04T09:00:00Z' },
      requested('2024-05-02T09:00:00Z', { login: 'lead' }),
    ];
    assert.equal(requestedAtFromTimeline(events, 'LEAD', [], { createdAt: created }), Date.parse('2024-05-02T09:00:00Z'));
  });

  it('matches my teams by slug, given as slug or org/slug', () => {
    const events = [requested('2024-05-02T10:00:00Z', { team: 'Platform' }), requested('2024-05-03T10:00:00Z', { team: 'mobile' })];
    assert.equal(requestedAtFromTimeline(events, 'lead', ['acme/platform'], { createdAt: created }), Date.parse('2024-05-02T10:00:00Z'));
    assert.equal(requestedAtFromTimeline(events, 'lead', ['platform', 'mobile'], { createdAt: created }), Date.parse('2024-05-03T10:00:00Z'));
  });

  it('starts the clock when a draft with my request becomes ready', () => {
    const events = [requested('2024-05-02T10:00:00Z', { login: 'lead' }), { event: 'ready_for_review', created_at: '2024-05-06T10:00:00Z' }];
    assert.equal(requestedAtFromTimeline(events, 'lead', [], { createdAt: created }), Date.parse('2024-05-06T10:00:00Z'));
  });

  it('falls back to ready_for_review, then to creation; skips unreadable dates', () => {
    const ready = { event: 'ready_for_review', created_at: '2024-05-03T10:00:00Z' };
    assert.equal(requestedAtFromTimeline([ready], 'lead', [], { createdAt: created }), Date.parse('2024-05-03T10:00:00Z'));
    const broken = [requested('not a date', { login: 'lead' }), { event: 'review_requested' }];
    assert.equal(requestedAtFromTimeline(broken, 'lead', [], { createdAt: created }), created);
  });
});

describe('sortOldestFirst', () => {
  it('orders by request time, then repo, then number, without changing the input', () => {
    const items = [review(3, 200), review(1, 100, { repo: 'acme/web' }), review(2, 100), review(1, 100)];
    const sorted = sortOldestFirst(items);
    assert.deepEqual(sorted.map((r) => `${r.repo}#${r.number}`), ['acme/api#1', 'acme/api#2', 'acme/web#1', 'acme/api#3']);
    assert.equal(items[0]!.number, 3);
  });
});

inTimeZone('Europe/Berlin', () => {
  describe('summarizeQueue', () => {
    it('counts unsnoozed items, names the oldest, and lists non-draft SLA breaches', () => {
      const now = at('2024-05-15T12:00:00+02:00'); // Wednesday
      const items = [
        review(1, at('2024-05-13T09:00:00+02:00')), // Mon 09:00 → 19 business hours
        review(2, at('2024-05-14T09:00:00+02:00')), // Tue 09:00 → 11 business hours
        review(3, at('2024-05-10T09:00:00+02:00'), { draft: true }), // old draft: no SLA
        review(4, at('2024-05-09T09:00:00+02:00'), { snoozedUntil: at('2024-05-16T09:00:00+02:00') }),
        review(5, at('2024-05-09T09:00:00+02:00'), { snoozedUntil: at('2024-05-15T11:00:00+02:00') }), // snooze over
      ];
      const summary = summarizeQueue(items, now, { slaHours: 16 });
      assert.equal(summary.count, 4);
      assert.equal(summary.oldest?.number, 5);
      assert.deepEqual(summary.breaching.map((r) => r.number), [5, 1]);
    });

    it('is empty for an empty queue', () => {
      assert.deepEqual(summarizeQueue([], 0, { slaHours: 24 }), { count: 0, oldest: null, breaching: [] });
    });
  });

  describe('review queue rows, filters and sorting', () => {
    const now = () => at('2024-05-15T12:00:00+02:00');
    const rows = () =>
      toQueueRows(
        [
          review(1, at('2024-05-13T09:00:00+02:00'), { repo: 'acme/web', author: 'Bo', additions: 400, deletions: 100, ci: 'failure' }),
          review(2, at('2024-05-15T10:00:00+02:00'), { author: 'ana', ci: 'pending', labels: ['Hotfix'] }),
          review(3, at('2024-05-14T09:00:00+02:00'), { author: 'cy', draft: true, ci: 'none', additions: 1, deletions: 0 }),
          review(4, at('2024-05-14T15:00:00+02:00'), { author: 'ana', snoozedUntil: at('2024-05-16T09:00:00+02:00') }),
        ],
        now(),
        { slaHours: 16 },
      );

    it('computes business-hours wait, SLA state, size and snooze per row', () => {
      assert.deepEqual(rows().map((r) => [r.number, r.waitingBusinessMs / HOUR, r.sla, r.size, r.snoozed]), [
        [1, 19, 'breached', 500, false],
        [2, 2, 'ok', 15, false],
        [3, 11, 'ok', 1, false],
        [4, 5, 'ok', 15, true],
      ]);
    });

    it('filters by every criterion, hiding snoozed rows unless asked', () => {
      const numbers = (filter: Parameters<typeof filterQueue>[1]) => filterQueue(rows(), filter).map((r) => r.number);
      assert.deepEqual(numbers({}), [1, 2, 3]);
      assert.deepEqual(numbers({ includeSnoozed: true, author: 'ANA' }), [2, 4]);
      assert.deepEqual(numbers({ repo: 'acme/web' }), [1]);
      assert.deepEqual(numbers({ ci: 'pending' }), [2]);
      assert.deepEqual(numbers({ sla: 'breached' }), [1]);
      assert.deepEqual(numbers({ draft: false }), [1, 2]);
      assert.deepEqual(numbers({ text: 'hotfix' }), [2]);
    });

    it('sorts by each column, ties falling back to oldest first', () => {
      const order = (key: ReviewSortKey, direction: 'asc' | 'desc' = 'asc') => sortQueue(rows(), key, direction).map((r) => r.number);
      assert.deepEqual(order('age', 'desc'), [1, 3, 4, 2]);
      assert.deepEqual(order('age'), [2, 4, 3, 1]);
      assert.deepEqual(order('size'), [3, 4, 2, 1]); // 4 and 2 tie at 15: older first
      assert.deepEqual(order('ci'), [1, 2, 3, 4]);
      assert.deepEqual(order('sla'), [1, 3, 4, 2]);
      assert.deepEqual(order('draft'), [1, 4, 2, 3]);
      assert.deepEqual(order('author'), [4, 2, 1, 3]);
      assert.deepEqual(order('repo'), [3, 4, 2, 1]);
      assert.deepEqual(filterChoices(rows()), { repos: ['acme/api', 'acme/web'], authors: ['ana', 'Bo', 'cy'] });
    });

    it('sorts into a permutation ordered by the key, for any rows', () => {
      const item = fc.record({
        hoursAgo: fc.integer({ min: 0, max: 200 }), repo: fc.constantFrom('a/x', 'b/y'),
        author: fc.constantFrom('ana', 'Bo', 'cy'), size: fc.nat(50), ci: fc.constantFrom('success', 'failure', 'pending', 'none' as const),
        draft: fc.boolean(),
      });
      const keys: ReviewSortKey[] = ['state', 'repo', 'author', 'age', 'size', 'ci', 'sla', 'draft'];
      fc.assert(
        fc.property(fc.array(item, { maxLength: 15 }), fc.constantFrom(...keys), fc.constantFrom('asc' as const, 'desc' as const), (raw, key, direction) => {
          // Numbers are made unique so the permutation check can match rows one to one.
          const input = toQueueRows(raw.map((r, i) => review(i + 1, now() - r.hoursAgo * HOUR, { ...r, number: i + 1, additions: r.size, deletions: 0 })), now(), { slaHours: 16 });
          const sorted = sortQueue(input, key, direction);
          assert.deepEqual([...sorted].sort((a, b) => a.number - b.number), input);
          const value = (r: (typeof sorted)[number]) =>
            ({ state: ['needs-review', 're-requested', 'waiting-on-author', 'stale'].indexOf(r.state), repo: r.repo.toLowerCase(), author: r.author.toLowerCase(), age: r.waitingBusinessMs, size: r.size,
              ci: ['failure', 'pending', 'none', 'success'].indexOf(r.ci), sla: ['breached', 'due-soon', 'ok'].indexOf(r.sla), draft: Number(r.draft) })[key];
          for (let i = 1; i < sorted.length; i++) {
            const [prev, next] = [value(sorted[i - 1]!), value(sorted[i]!)];
            assert.ok(direction === 'asc' ? prev <= next : prev >= next, `${key} ${direction} at ${i}`);
          }
        }),
      );
    });
  });
});
