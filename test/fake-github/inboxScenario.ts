// The review inbox's other states, added to a world (the demo's, in the demo and the inbox tests):
// a review re-requested after the lead's review, changes the lead requested with nothing pushed
// since, changes requested and then new commits, one of the lead's PRs with changes requested,
// and a stale one. The demo already has an approved PR of the lead's and PRs waiting on reviewers.
import { type Scenario, type ScenarioPull, type ScenarioReview, addPull, fakeSha, iso, nextId, requestReview } from './scenario';
import { businessDaysBefore } from './scenarios';

const HOUR = 3_600_000;

/**
 * A review, as GitHub records it: the reviewer's request is fulfilled (removed from the PR), and
 * the review is on the PR's head commit at that moment.
 */
export function submitReview(s: Scenario, pull: ScenarioPull, user: string, state: ScenarioReview['state'], at: Date, body = ''): ScenarioReview {
  const review: ScenarioReview = { id: nextId(s), repo: pull.repo, pull: pull.number, user, state, body, commitId: pull.head.sha, submittedAt: iso(at) };
  s.reviews.push(review);
  pull.requestedReviewers = pull.requestedReviewers.filter((r) => r.toLowerCase() !== user.toLowerCase());
  pull.updatedAt = iso(at);
  return review;
}

/** A commit pushed to the PR's branch: a new head, dated `at`. */
export function pushCommit(pull: ScenarioPull, at: Date): void {
  const dates = pull.commitDates ?? Array.from({ length: Math.max(1, pull.commits) }, () => pull.createdAt);
  pull.commitDates = [...dates, iso(at)];
  pull.commits = pull.commitDates.length;
  pull.head = { ...pull.head, sha: fakeSha(`${pull.repo}#${pull.number}:head:${pull.commits}`) };
  pull.updatedAt = iso(at);
}

export const INBOX_TITLES = {
  reRequested: 'Lazy-load the analytics bundle',
  newCommits: 'Retry webhooks with exponential backoff',
  waitingOnAuthor: 'Paginate the audit log API',
  ownChangesRequested: 'Drop the IE11 polyfills',
  stale: 'Document the on-call escalation policy',
} as const;

export function addInboxStates(s: Scenario, now: Date): void {
  const ago = (h: number): Date => new Date(now.getTime() - h * HOUR);
  const bdays = (n: number): Date => businessDaysBefore(now, n);

  const again = addPull(s, { repo: 'acme/web', title: INBOX_TITLES.reRequested, author: 'sofia', createdAt: iso(bdays(2)), updatedAt: iso(ago(2)), additions: 64, deletions: 12, changedFiles: 4 }, now);
  requestReview(s, again, { user: 'lead' }, bdays(2));
  submitReview(s, again, 'lead', 'CHANGES_REQUESTED', new Date(bdays(2).getTime() + 2 * HOUR), 'Split the chart code out too.');
  pushCommit(again, ago(4));
  pushCommit(again, ago(3));
  requestReview(s, again, { user: 'lead' }, ago(2));

  const pushed = addPull(s, { repo: 'acme/api', title: INBOX_TITLES.newCommits, author: 'jun', createdAt: iso(bdays(1)), updatedAt: iso(ago(1)), additions: 120, deletions: 30, changedFiles: 5 }, now);
  requestReview(s, pushed, { user: 'lead' }, bdays(1));
  submitReview(s, pushed, 'lead', 'CHANGES_REQUESTED', new Date(bdays(1).getTime() + HOUR), 'Cap the backoff at 10 minutes.');
  pushCommit(pushed, ago(1));

  const back = addPull(s, { repo: 'acme/api', title: INBOX_TITLES.waitingOnAuthor, author: 'tomas', createdAt: iso(bdays(5)), updatedAt: iso(ago(5)), additions: 210, deletions: 15, changedFiles: 6 }, now);
  requestReview(s, back, { user: 'lead' }, bdays(5));
  // Reviewed four business days ago, past any SLA, and the author has only commented since.
  submitReview(s, back, 'lead', 'CHANGES_REQUESTED', bdays(4), 'Use a cursor, not an offset.');
  back.updatedAt = iso(ago(5));

  const mine = addPull(s, { repo: 'acme/web', title: INBOX_TITLES.ownChangesRequested, author: 'lead', createdAt: iso(bdays(1)), updatedAt: iso(ago(3)), additions: 5, deletions: 140, changedFiles: 9 }, now);
  requestReview(s, mine, { user: 'kwame' }, bdays(1));
  submitReview(s, mine, 'kwame', 'CHANGES_REQUESTED', ago(3), 'Safari 15 still needs one of them.');

  const stale = addPull(s, { repo: 'acme/infra', title: INBOX_TITLES.stale, author: 'elena', createdAt: iso(bdays(8)), updatedAt: iso(bdays(7)), additions: 40, deletions: 0, changedFiles: 1 }, now);
  requestReview(s, stale, { user: 'lead' }, bdays(7));
}
