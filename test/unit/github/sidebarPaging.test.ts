/** The sidebar's cursor paging (pure): which lists a round trip asks for, from which cursor, and when it stops. */
import assert from 'node:assert/strict';
import { SidebarPager } from '../../../src/github/ops/sidebarQuery';
import { failureFromErrors } from '../../../src/github/transport/failure';

const page = (count: number, total: number, cursor: string | null, more: boolean) => ({
  issueCount: total, pageInfo: { hasNextPage: more, endCursor: cursor },
  nodes: Array.from({ length: count }, (_, i) => ({ __typename: 'PullRequest', number: i + 1, repository: { nameWithOwner: `acme/r${cursor}` }, title: 't', url: '', createdAt: '2026-11-02T10:00:00Z' })),
});
const answer = (lists: Record<string, unknown>) => ({ viewer: { login: 'lead' }, rateLimit: { cost: 1, remaining: 4990, limit: 5000, resetAt: '2026-11-02T11:00:00Z' }, ...lists });

describe('sidebar paging', () => {
  it('asks for every list first, then only the lists with more, each from its own cursor', () => {
    const p = new SidebarPager();
    const first = p.next()!;
    assert.deepEqual([first.withReviews, first.withMine, first.withDelegated, first.afterReviews], [true, true, true, null]);
    p.accept(answer({ reviews: page(100, 250, 'r1', true), reviewed: page(0, 0, null, false), mine: page(3, 3, 'm1', false), delegated: page(100, 120, 'd1', true) }));
    const second = p.next()!;
    assert.deepEqual([second.withReviews, second.withMine, second.withDelegated, second.afterReviews, second.afterDelegated], [true, false, true, 'r1', 'd1']);
    p.accept(answer({ reviews: page(100, 250, 'r2', true), delegated: page(20, 120, 'd2', false) }));
    const third = p.next()!;
    assert.deepEqual([third.withReviews, third.withMine, third.withDelegated, third.afterReviews], [true, false, false, 'r2']);
    p.accept(answer({ reviews: page(50, 250, 'r3', false) }));
    assert.equal(p.next(), null);
    const r = p.result('github.com');
    assert.equal(r.requests, 3);
    assert.equal(r.rateLimit?.cost, 3, 'the points of every page');
    assert.equal(r.reviewsTotal, 250);
  });

  it('stops at GitHub\'s 1,000-result cap even if GitHub says there is more', () => {
    const p = new SidebarPager();
    let trips = 0;
    for (let vars = p.next(); vars !== null && trips < 50; vars = p.next()) {
      trips++;
      p.accept(answer({
        ...(vars.withReviews ? { reviews: page(100, 5000, `r${trips}`, true) } : {}),
        ...(vars.withReviewed ? { reviewed: page(0, 0, null, false) } : {}),
        ...(vars.withMine ? { mine: page(0, 0, null, false) } : {}),
        ...(vars.withDelegated ? { delegated: page(0, 0, null, false) } : {}),
      }));
    }
    assert.equal(trips, 10);
    assert.equal(p.result('github.com').reviewsTotal, 5000, 'the count GitHub gives, beyond what it returns');
  });

  it('a list that fails stops paging and is named; a failed item is counted', () => {
    const p = new SidebarPager();
    p.accept(answer({ reviews: { ...page(2, 3, 'r1', true), nodes: [page(2, 3, 'r1', true).nodes[0], null] }, reviewed: page(0, 0, null, false), mine: page(0, 0, null, false), delegated: { issueCount: 0, pageInfo: { hasNextPage: true, endCursor: 'd1' }, nodes: null } }),
      [{ path: ['reviews', 'nodes', 1], message: 'x' }, { path: ['delegated', 'nodes'], message: 'y' }]);
    const vars = p.next()!;
    assert.deepEqual([vars.withReviews, vars.withDelegated], [true, false]);
    p.accept(answer({ reviews: page(1, 3, 'r2', false) }));
    const r = p.result('github.com');
    assert.deepEqual(r.missing, ['1 of the pending reviews', 'delegated issues']);
    assert.deepEqual(r.failedLists, ['delegated']);
  });

  it('an answer without data is a failure the UI can name', () => {
    const p = new SidebarPager();
    assert.throws(() => p.accept(null, [{ type: 'FORBIDDEN', message: 'Resource not accessible' }]), (e: { kind: string }) => e.kind === 'forbidden');
    assert.equal(failureFromErrors([{ type: 'RATE_LIMITED', message: 'spent' }]).kind, 'rate-limited');
    assert.equal(failureFromErrors([{ message: 'bad', extensions: { code: 'undefinedField' } }]).kind, 'invalid');
    assert.equal(failureFromErrors([]).kind, 'malformed');
  });
});
