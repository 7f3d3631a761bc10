// Review-request histories over weeks, for the review turnaround (issue 20, item 4): teammates
// open PRs and ask each other for reviews, answered hours or days later; some requests are
// removed before a review, some re-requested after one, some still waiting, and an AI reviewer
// (a GraphQL `Bot`) is asked on some PRs and answers within minutes. All of it is timeline
// events and reviews of the scenario, so GraphQL's `timelineItems` serves it like any other.
import { type Scenario, type ScenarioPull, addPull, closeItem, iso, nextId, requestReview } from './scenario';
import { submitReview } from './inboxScenario';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The AI reviewer, as REST names it (GraphQL: `Bot { login: "copilot-pull-request-reviewer" }`). */
export const TURNAROUND_BOT = 'copilot-pull-request-reviewer[bot]';

/** Takes a review request back (a user's), with the `review_request_removed` event GitHub records. */
export function removeReviewRequest(s: Scenario, pull: ScenarioPull, user: string, at: Date, actor = pull.author): void {
  pull.requestedReviewers = pull.requestedReviewers.filter((r) => r.toLowerCase() !== user.toLowerCase());
  pull.updatedAt = iso(at);
  s.timeline.push({ id: nextId(s), repo: pull.repo, issue: pull.number, event: 'review_request_removed', actor, createdAt: iso(at), requestedReviewer: user });
}

/** Makes `TURNAROUND_BOT` a user of the world (a `Bot`), once. */
export function addReviewBot(s: Scenario): string {
  if (!s.users.some((u) => u.login === TURNAROUND_BOT)) s.users.push({ login: TURNAROUND_BOT, id: nextId(s), name: null, type: 'Bot' });
  return TURNAROUND_BOT;
}

export interface TurnaroundHistoryOptions {
  readonly now: Date;
  /** `owner/name` of repositories the scenario has. */
  readonly repos: readonly string[];
  /** Logins of the teammates (authors and reviewers). */
  readonly members: readonly string[];
  /** How far back the histories go (8 by default). */
  readonly weeks?: number;
  /** PRs each member opens a week (3 by default). */
  readonly pullsPerMemberPerWeek?: number;
}

export interface TurnaroundHistorySummary {
  readonly pulls: number;
  readonly requests: number;
  readonly removed: number;
  readonly reRequested: number;
  readonly stillWaiting: number;
  readonly botRequests: number;
}

/**
 * Deterministic histories: each member opens `pullsPerMemberPerWeek` PRs a week in the repositories
 * in turn, asking the next member; the review comes 1 to 20 hours later (weekends included, so
 * business hours differ from clock hours). Every 7th request is removed before a review, every
 * 9th reviewed PR is re-requested and reviewed again, the PRs of the last three days wait still,
 * every 5th PR also asks the bot, and reviewed PRs older than two weeks are merged.
 */
export function addTurnaroundHistories(s: Scenario, opts: TurnaroundHistoryOptions): TurnaroundHistorySummary {
  const weeks = opts.weeks ?? 8;
  const perWeek = opts.pullsPerMemberPerWeek ?? 3;
  const now = opts.now.getTime();
  const bot = addReviewBot(s);
  const n = opts.members.length;
  const summary = { pulls: 0, requests: 0, removed: 0, reRequested: 0, stillWaiting: 0, botRequests: 0 };
  let k = 0;
  for (let w = 0; w < weeks; w++) {
    for (let m = 0; m < n; m++) {
      for (let j = 0; j < perWeek; j++, k++) {
        const created = now - (weeks - w) * 7 * DAY + (m * 5 + j * 41) * HOUR + 7 * 60_000;
        if (created >= now - HOUR) continue;
        const author = opts.members[m]!;
        const reviewer = opts.members[(m + 1 + j) % n]!;
        if (reviewer === author) continue;
        const repo = opts.repos[k % opts.repos.length]!;
        const pull = addPull(s, { repo, title: `Turnaround ${k}: ${author} asks ${reviewer}`, author, createdAt: iso(new Date(created)), updatedAt: iso(new Date(created)) }, new Date(created));
        summary.pulls++;
        const asked = new Date(created + 10 * 60_000);
        requestReview(s, pull, { user: reviewer }, asked);
        pull.updatedAt = iso(asked);
        summary.requests++;
        if (k % 5 === 0) {
          requestReview(s, pull, { user: bot }, asked);
          submitReview(s, pull, bot, 'COMMENTED', new Date(asked.getTime() + 5 * 60_000), 'Copilot reviewed 3 files.');
          summary.botRequests++;
        }
        const reviewedAt = asked.getTime() + (1 + ((m * 3 + j * 7 + w) % 20)) * HOUR;
        if (k % 7 === 3) {
          removeReviewRequest(s, pull, reviewer, new Date(asked.getTime() + HOUR / 2));
          summary.removed++;
          continue;
        }
        if (reviewedAt >= now || now - created < 3 * DAY) {
          summary.stillWaiting++;
          continue;
        }
        submitReview(s, pull, reviewer, k % 3 === 0 ? 'CHANGES_REQUESTED' : 'APPROVED', new Date(reviewedAt));
        let last = reviewedAt;
        if (k % 9 === 4 && reviewedAt + 30 * HOUR < now) {
          requestReview(s, pull, { user: reviewer }, new Date(reviewedAt + 6 * HOUR));
          submitReview(s, pull, reviewer, 'APPROVED', new Date(reviewedAt + 30 * HOUR));
          summary.reRequested++;
          last = reviewedAt + 30 * HOUR;
        }
        if (now - last > 14 * DAY) closeItem(pull, new Date(last + HOUR), true);
      }
    }
  }
  return summary;
}
