/**
 * AI reviewers (Copilot code review and other GitHub Apps asked to review like a person): each
 * one's own state on a PR, and the rule that a bot never stands in for a human reviewer. GitHub's
 * `requestedReviewer` is a union of User, Team, Bot and Mannequin; REST leaves bots out, so the
 * kind comes from GraphQL's `__typename`. Pure: no `vscode`, no GitHub client.
 */
import type { OwnFacts, ReviewVerdict } from './inbox';

/** A bot's review of a PR on the current head, on an older commit, or asked and not given yet. */
export type AiReviewState = 'requested' | 'reviewed-current' | 'reviewed-older';

/** One review as the AI-review rules read it: `bot` from the author's `__typename`. */
export interface ReviewOnCommit {
  readonly reviewer: string;
  readonly verdict: ReviewVerdict;
  /** Epoch ms. */
  readonly at: number;
  /** The commit the review was made on (`commit { oid }`); '' when GitHub did not say. */
  readonly commit: string;
  readonly bot?: boolean;
}

export interface AiReview {
  /** The bot's login as GraphQL names it (no `[bot]` suffix). */
  readonly bot: string;
  readonly state: AiReviewState;
  /** Its latest review, when it gave one. */
  readonly latest?: ReviewOnCommit;
}

/** What decides the AI reviews of a PR. */
export interface AiReviewFacts {
  /** The PR's head commit (`headRefOid`). */
  readonly headSha: string;
  /** Bots asked to review right now (`reviewRequests` whose reviewer is a `Bot`). */
  readonly requestedBots: readonly string[];
  readonly reviews: readonly ReviewOnCommit[];
}

/** `dependabot[bot]` (REST) and `dependabot` (GraphQL) are the same app. */
export const botKey = (login: string): string => login.replace(/\[bot\]$/i, '').toLowerCase();

/**
 * One entry per bot that was asked or reviewed, in login order: asked now (again, after a review)
 * → requested; else its latest review on `headSha` → reviewed on the current head; else on an
 * older commit (a review without a commit counts as older: it cannot be shown to be current).
 */
export function aiReviews(f: AiReviewFacts): AiReview[] {
  const latest = new Map<string, ReviewOnCommit>();
  for (const r of [...f.reviews].filter((x) => x.bot === true && x.verdict !== 'PENDING').sort((a, b) => a.at - b.at)) latest.set(botKey(r.reviewer), r);
  const names = new Map<string, string>();
  for (const b of f.requestedBots) names.set(botKey(b), b.replace(/\[bot\]$/i, ''));
  for (const [key, r] of latest) if (!names.has(key)) names.set(key, r.reviewer.replace(/\[bot\]$/i, ''));
  const requested = new Set(f.requestedBots.map(botKey));
  return [...names].sort(([a], [b]) => a.localeCompare(b)).map(([key, bot]): AiReview => {
    const review = latest.get(key);
    const state: AiReviewState = requested.has(key) || !review ? 'requested'
      : review.commit !== '' && review.commit === f.headSha ? 'reviewed-current' : 'reviewed-older';
    return { bot, state, ...(review ? { latest: review } : {}) };
  });
}

/** A reviewer's latest verdict, with `bot` when GitHub said the author is a `Bot`. */
export interface ReviewerVerdictOfKind {
  readonly reviewer: string;
  readonly verdict: ReviewVerdict;
  readonly bot?: boolean;
}

/** The reviews of people: bots and the logins in `agents` (the `teamAgents` setting) left out. */
export const humanReviews = <R extends ReviewerVerdictOfKind>(reviews: readonly R[], agents: readonly string[] = []): R[] =>
  reviews.filter((r) => !isBotOrAgent(r.reviewer, agents, r.bot === true));

/**
 * The facts `ownInboxState` reads, with bots taken out: only people's verdicts count, and GitHub's
 * APPROVED (or CHANGES_REQUESTED) stands only when a person gave it (an app with write access can
 * satisfy a required review on GitHub; in the inbox it does not make a PR "approved, not merged").
 * A PR whose listed approvals are all bots' waits on reviewers. Without reviews (an older
 * snapshot), or when the listed reviews do not explain it, GitHub's decision stands.
 */
export function humanOwnFacts(pr: {
  readonly reviewDecision?: OwnFacts['reviewDecision'];
  readonly reviews?: readonly ReviewerVerdictOfKind[];
}, agents: readonly string[] = []): OwnFacts {
  const all = pr.reviews ?? [];
  const people = humanReviews(all, agents);
  const by = (list: readonly ReviewerVerdictOfKind[], v: ReviewVerdict) => list.some((r) => r.verdict === v);
  const decision = pr.reviewDecision ?? null;
  // GitHub's decision that only a bot's verdict explains is taken back to what people said.
  const botApprovedOnly = decision === 'APPROVED' && by(all, 'APPROVED') && !by(people, 'APPROVED');
  const botBlockedOnly = decision === 'CHANGES_REQUESTED' && by(all, 'CHANGES_REQUESTED') && !by(people, 'CHANGES_REQUESTED');
  return {
    reviewDecision: botApprovedOnly ? 'REVIEW_REQUIRED' : botBlockedOnly ? (by(people, 'APPROVED') ? 'APPROVED' : 'REVIEW_REQUIRED') : decision,
    verdicts: people.map((r) => r.verdict),
  };
}

/** A requested reviewer as GraphQL gives it (`__typename` of the `RequestedReviewer` union). */
export interface RequestedReviewer {
  readonly kind: 'user' | 'team' | 'bot';
  readonly name: string;
}

/**
 * Whom the PR waits on among people, teams as `@slug` (the inbox's `waitingOn`): empty when only
 * bots were asked, so the PR "needs reviewers".
 */
export const humanWaitingOn = (requested: readonly RequestedReviewer[], agents: readonly string[] = []): string[] =>
  requested.filter((r) => r.kind === 'team' || (r.kind === 'user' && !isBotOrAgent(r.name, agents))).map((r) => (r.kind === 'team' ? `@${r.name}` : r.name));

/** A bot (GitHub said so, or REST's `[bot]` login) or an agent the lead named: never a reviewer to offer or a person to nudge. */
export const isBotOrAgent = (login: string, agents: readonly string[] = [], bot = false): boolean =>
  bot || /\[bot\]$/i.test(login) || agents.some((a) => botKey(a) === botKey(login));

/** Logins that may be offered as reviewers ("Request review from…") or nudged: people only. */
export const peopleOnly = (logins: readonly string[], agents: readonly string[] = []): string[] => logins.filter((l) => !isBotOrAgent(l, agents));
