/**
 * One decision per item of the lead's work: for each pending review, own PR, delegated issue or
 * task and handed-on team review, what the lead sees (state, business-hours wait, SLA) and may do
 * (merge, nudge, follow up, hand on, reassign). Made once per refresh with one `now`; the tree
 * draws it (its context value is `contextValue` here) and the palette picks from it
 * (`paletteCandidates`), so both always offer the same items. Pure: no `vscode`, no GitHub client.
 */
import { businessMsUntil, type BusinessHours, type SlaState } from './businessHours';
import { dueBucket, type DueBucket } from './dueDates';
import { inboxOrder, inboxSla, ownInboxState, placeItem, OWN_STATES, REVIEW_STATES, type InboxConfig, type InboxEntry, type InboxItem, type InboxState, type OwnInboxState, type ReviewInboxState } from './inbox';
import { ownPullWaitingSince, reviewLastActivity, type OwnPullFacts } from './inboxEntries';
import { delegatedNudgeTarget, ownPrNudgeTarget, type NudgeTarget } from './nudges';
import { isSnoozed, pendingReviewState, type CiState, type PendingReview } from './reviews';
import { humanOwnFacts, peopleOnly, type AiReview } from './aiReviews';
import { agentPullsOnIssues, issueKey, type AgentPullFacts } from './agentWork';
import { mergeAction, mergeQueueState, type MergeAction, type MergeQueueFacts, type MergeQueueState } from './mergeQueue';
import { teamLoad, type MemberLoad, type MemberReview, type MemberReviews } from './teamLoad';

/** What a decision reads besides the item: one `now` and the settings, and the lookups the tree used to make per node. */
export interface DecisionContext extends InboxConfig {
  readonly now: number;
  readonly businessHours: BusinessHours;
  /** Business ms from an instant to `now` (one `businessMsUntil` for the whole refresh). */
  readonly since: (from: number) => number;
  /** When the latest nudge on an item was posted (by anyone), if any. */
  readonly lastNudgeAt: (repo: string, number: number) => number | undefined;
  /** When the lead handed this review to `login` ("Hand This Review to…"), if they did. */
  readonly handedAt: (repo: string, number: number, login: string) => number | undefined;
  /** The `teamAgents` setting: coding agents, never counted as reviewers nor nudged. */
  readonly agents: readonly string[];
}

export function decisionContext(
  now: number, config: InboxConfig & { readonly businessHours: BusinessHours; readonly teamAgents?: readonly string[] },
  lookups: Partial<Pick<DecisionContext, 'lastNudgeAt' | 'handedAt'>> = {},
): DecisionContext {
  return {
    now, slaHours: config.slaHours, staleDays: config.staleDays, businessHours: config.businessHours, since: businessMsUntil(now, config.businessHours),
    lastNudgeAt: lookups.lastNudgeAt ?? (() => undefined), handedAt: lookups.handedAt ?? (() => undefined), agents: config.teamAgents ?? [],
  };
}

/** One of the lead's PRs as the decisions read it (GitHub's `OwnPullRequest` has it all). */
export interface OwnPullItem extends OwnPullFacts {
  readonly url: string;
  readonly title: string;
  readonly ci?: CiState;
  /** Its way into the base branch; absent in older snapshots and on servers without the fields. */
  readonly mergeQueue?: Omit<MergeQueueFacts, 'ci' | 'humanApproved'> & { readonly queueRequired: boolean };
  readonly aiReviews?: readonly AiReview[];
}

/** An issue or PR assigned to a teammate (GitHub's `DelegatedIssue`). */
export interface DelegatedIssueItem {
  readonly repo: string;
  readonly number: number;
  readonly url: string;
  readonly title: string;
  readonly assignees: readonly string[];
  readonly due: string | null;
  /** The open PRs that close it (a coding agent's among them). */
  readonly agentPulls?: readonly AgentPullItem[];
}

/** A PR that closes a delegated issue, as `agentWork` reads it. */
export interface AgentPullItem extends AgentPullFacts {
  readonly title: string;
  readonly url: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** GitHub's node id, to read `readyAt` with. */
  readonly id?: string;
  /** When it was last marked ready (GitHub's ReadyForReviewEvent; its creation if it never was a draft), once read. */
  readonly readyAt?: number;
  /** Commits on the PR, once read after the sidebar (`agentPullsAwaitingCommitCount`); null or absent until then. */
  readonly commits?: number | null;
}

/** A task kept locally (the task store's record). */
export interface DelegatedTaskItem {
  readonly id: string;
  readonly title: string;
  readonly assignee: string;
  readonly due: string | null;
  readonly link?: string;
  readonly repo?: string;
  readonly issueNumber?: number;
  readonly doneAt?: number;
}

/** Every command a tree item may offer; the palette has pickers for `PALETTE_ACTIONS`. */
export type ItemAction = 'open' | 'followUp' | 'markDone' | 'changeDueDate' | 'nudge' | 'merge' | 'reassign' | 'requestReview' | 'handReview';

interface Decided {
  /** The tree node's id: stable across refreshes. */
  readonly id: string;
  /** The tree node's context value (package.json's `viewItem` clauses read it). */
  readonly contextValue: string;
}

interface Waiting {
  /** Its place in the inbox, which orders it. */
  readonly place: InboxEntry<InboxItem>;
  readonly state: InboxState;
  /** The state under "stale". */
  readonly basis: ReviewInboxState | OwnInboxState;
  /** Business-hours wait. */
  readonly waitMs: number;
  readonly sla: SlaState;
  readonly pastSla: boolean;
}

export interface ReviewDecision extends Decided, Waiting {
  readonly kind: 'review';
  readonly item: PendingReview;
  readonly basis: ReviewInboxState;
  /** Hidden until its snooze ends: not in the tree, nor in the palette's picks. */
  readonly snoozed: boolean;
  /** "Hand This Review to…": every review the inbox shows. */
  readonly handable: boolean;
}

export interface OwnPullDecision<P extends OwnPullItem = OwnPullItem> extends Decided, Waiting {
  readonly kind: 'own';
  readonly item: P;
  readonly basis: OwnInboxState;
  /** "Merge…": approved (see `mergeable`), not a draft, and not in the merge queue already. */
  readonly mergeable: boolean;
  /** What Merge… does: merge, add to the merge queue (its branch requires one), or nothing (queued). */
  readonly mergeAction: MergeAction;
  /** Where an approved PR stands on its way in; null for the other states, and without the facts. */
  readonly queue: MergeQueueState | null;
  /** "Nudge…": waiting on its reviewers past the SLA (see `ownPullNudge`). */
  readonly nudge: NudgeTarget | null;
  readonly lastNudgeAt?: number;
}

export interface DelegatedDecision<I = DelegatedIssueItem | DelegatedTaskItem> extends Decided {
  readonly kind: 'issue' | 'task';
  /** A coding agent's draft PR (its assignee is the agent): never nudged. */
  readonly agentPull?: AgentPullItem;
  readonly item: I;
  readonly bucket: DueBucket;
  /** "Follow Up…": the item on GitHub (a task only when linked to an issue or PR). */
  readonly followUp: NudgeTarget | null;
  /** "Nudge…": followable and overdue. */
  readonly nudgeable: boolean;
  readonly lastNudgeAt?: number;
}

export interface TeamReviewDecision extends Decided {
  readonly kind: 'teamReview';
  readonly member: string;
  readonly item: MemberReview;
  readonly waitMs: number;
  readonly sla: SlaState;
  /** "Nudge…": handed on by the lead and still requested of them (not started). */
  readonly nudge: NudgeTarget | null;
  /** When the lead handed it to `member`, if they did. */
  readonly handedAt?: number;
}

export interface TeamMemberDecision {
  readonly load: MemberLoad;
  readonly reviews: readonly TeamReviewDecision[];
}

/** A coding agent's draft PR on an issue the lead delegated: Delegated work, the agent as its assignee. */
export interface AgentPullDecision extends Decided {
  readonly kind: 'agentPull';
  readonly item: AgentPullItem;
  /** The agent, without REST's `[bot]`. */
  readonly agent: string;
  /** The issues it closes, `owner/repo#n`. */
  readonly closes: readonly string[];
  /** The delegated issue's due date. */
  readonly due: string | null;
  readonly bucket: DueBucket;
  /** Commits on the draft so far ("draft · 3 commits"); null until read. */
  readonly commits: number | null;
}

export type ItemDecision = ReviewDecision | OwnPullDecision | DelegatedDecision | TeamReviewDecision;

const tokens = (...t: (string | false | undefined)[]): string => t.filter(Boolean).join(' ');

/**
 * A pending review in the inbox, or null when the lead is done with it (approved and not asked
 * again). A snoozed one is decided too (the queue lists it on demand); the tree leaves it out.
 */
export function decideReview(review: PendingReview, ctx: DecisionContext): ReviewDecision | null {
  const basis = pendingReviewState(review);
  if (basis === null) return null;
  const placed = placeItem({ repo: review.repo, number: review.number, waitingSince: review.requestedAt, lastActivity: reviewLastActivity(review), draft: review.draft }, basis, ctx.now, ctx, ctx.since);
  return {
    kind: 'review', id: `review:${review.repo}#${review.number}`, item: review, place: placed, state: placed.state, basis, waitMs: placed.waitMs, sla: placed.sla, pastSla: placed.pastSla,
    snoozed: isSnoozed(review, ctx.now), handable: true, contextValue: tokens('review', !!review.url && 'linked', !!review.changesSinceUrl && 'changedSinceReview'),
  };
}

/**
 * The one rule for Merge…: the inbox says "approved" — GitHub's review decision is APPROVED, or,
 * on a repository that requires no review (no decision), a reviewer approved and none asked for
 * changes — and it is not a draft. GitHub itself refuses what its rules do not allow, and says why.
 */
export const mergeable = (basis: OwnInboxState, draft: boolean): boolean => basis === 'approved' && !draft;

/**
 * The one rule for Nudge… on the lead's own PR: it waits on its reviewers (neither approved nor
 * with changes requested, which are the lead's move), past the SLA, and someone is requested.
 */
export function ownPullNudge(pr: OwnPullItem, basis: OwnInboxState, pastSla: boolean, ctx: DecisionContext): NudgeTarget | null {
  return basis === 'waiting-on-reviewers' && pastSla ? ownPrNudgeTarget({ ...pr, waitingOn: peopleOnly(pr.waitingOn, ctx.agents) }, ctx.now, ctx.businessHours, ctx.since) : null;
}

export function decideOwnPull<P extends OwnPullItem>(pr: P, ctx: DecisionContext): OwnPullDecision<P> {
  const basis = ownInboxState(humanOwnFacts(pr, ctx.agents));
  const placed = placeItem({ repo: pr.repo, number: pr.number, waitingSince: ownPullWaitingSince(pr), lastActivity: pr.updatedAt ?? pr.createdAt, draft: pr.draft }, basis, ctx.now, ctx, ctx.since);
  const q = pr.mergeQueue;
  const action = mergeAction({ queueRequired: q?.queueRequired ?? false, entry: q?.entry ?? null });
  const canMerge = mergeable(basis, pr.draft) && action !== 'none';
  const queue = basis === 'approved' && q ? mergeQueueState({ ...q, ...(pr.ci ? { ci: pr.ci } : {}), humanApproved: true }) : null;
  const nudge = ownPullNudge(pr, basis, placed.pastSla, ctx);
  const lastNudgeAt = ctx.lastNudgeAt(pr.repo, pr.number);
  return {
    kind: 'own', id: `own:${pr.repo}#${pr.number}`, item: pr, place: placed, state: placed.state, basis, waitMs: placed.waitMs, sla: placed.sla, pastSla: placed.pastSla,
    mergeable: canMerge, mergeAction: action, queue, nudge, ...(lastNudgeAt !== undefined ? { lastNudgeAt } : {}),
    contextValue: tokens('ownPullRequest', !!pr.url && 'linked', canMerge && 'mergeable', queue?.kind === 'queued' && 'queued', placed.pastSla && 'pastSla', nudge !== null && 'nudgeable'),
  };
}

export function decideIssue<I extends DelegatedIssueItem>(issue: I, ctx: DecisionContext): DelegatedDecision<I> {
  const bucket = dueBucket(issue.due, ctx.now);
  const followUp = delegatedNudgeTarget({ repo: issue.repo, number: issue.number, url: issue.url, title: issue.title, who: issue.assignees, due: issue.due }, ctx.now, ctx.businessHours, ctx.since);
  const lastNudgeAt = ctx.lastNudgeAt(issue.repo, issue.number);
  return {
    kind: 'issue', id: `issue:${issue.repo}#${issue.number}`, item: issue, bucket, followUp, nudgeable: bucket === 'overdue', ...(lastNudgeAt !== undefined ? { lastNudgeAt } : {}),
    contextValue: tokens('githubIssue delegated followable', !!issue.url && 'linked', bucket === 'overdue' && 'nudgeable'),
  };
}

export function decideTask<T extends DelegatedTaskItem>(task: T, ctx: DecisionContext): DelegatedDecision<T> {
  const bucket = dueBucket(task.due, ctx.now);
  const { repo, issueNumber } = task;
  const followUp = repo && issueNumber
    ? delegatedNudgeTarget({ repo, number: issueNumber, url: task.link ?? '', title: task.title, who: [task.assignee], due: task.due }, ctx.now, ctx.businessHours, ctx.since)
    : null;
  const nudgeable = followUp !== null && bucket === 'overdue';
  const lastNudgeAt = repo && issueNumber ? ctx.lastNudgeAt(repo, issueNumber) : undefined;
  return {
    kind: 'task', id: `task:${task.id}`, item: task, bucket, followUp, nudgeable, ...(lastNudgeAt !== undefined ? { lastNudgeAt } : {}),
    contextValue: tokens('localTask', 'delegated', !!task.link && 'linked', followUp !== null && 'followable', nudgeable && 'nudgeable'),
  };
}

export function decideTeamReview(member: string, review: MemberReview, ctx: DecisionContext): TeamReviewDecision {
  const waitMs = ctx.since(review.requestedAt);
  const handedAt = ctx.handedAt(review.repo, review.number, member);
  const nudge: NudgeTarget | null = handedAt === undefined ? null
    : { repo: review.repo, number: review.number, url: review.url, title: review.title, who: [member], waitedMs: ctx.since(handedAt), kind: 'handed-review' };
  return {
    kind: 'teamReview', id: `team:${member.toLowerCase()}:${review.repo}#${review.number}`, member, item: review, waitMs, ...(handedAt !== undefined ? { handedAt } : {}),
    sla: inboxSla(pendingReviewState(review), review.draft, waitMs, ctx.slaHours), nudge,
    contextValue: tokens('teamReview', !!review.url && 'linked', nudge !== null && 'handedOn nudgeable'),
  };
}

/** The configured members' loads, lightest first, each with its reviews decided; `[]` while the load is not known. */
export function decideTeam(load: readonly MemberReviews[] | null, configured: readonly string[], ctx: DecisionContext, remember: Remembered = fresh): TeamMemberDecision[] {
  if (load === null) return [];
  // Only configured members show: a load fetched for an older setting value is not theirs.
  const wanted = new Set(configured.map((m) => m.toLowerCase()));
  const decide = (login: string, r: MemberReview) => {
    const kept = remember(r, (x) => decideTeamReview(login, x, ctx));
    return kept.member === login ? kept : decideTeamReview(login, r, ctx);
  };
  return teamLoad(load.filter((m) => wanted.has(m.login.toLowerCase())), ctx.now, ctx)
    .map((m) => ({ load: m, reviews: m.reviews.map((r) => decide(m.login, r)) }));
}

/**
 * The agents' PRs on the delegated issues (`agentWork`): a draft is delegated work with the agent
 * as its assignee; marked ready, it is a review for the lead ("Needs your review") unless the
 * lead's reviews have it already. The wait of a ready one counts from when it was marked ready
 * (`readyAt`, read once per PR after the sidebar: `agentPullsAwaitingReadyTime`), never from when
 * it was opened; until that is read, from its last update, which is never earlier. A draft is the
 * agent's still, even when the lead was asked on it: `drafts` lists it, and the reviews leave it out.
 */
export function agentPulls(issues: readonly DelegatedIssueItem[], reviews: readonly PendingReview[], ctx: DecisionContext): { drafts: AgentPullDecision[]; ready: PendingReview[] } {
  const asked = new Set(reviews.map((r) => issueKey(r.repo, r.number)));
  const drafts: AgentPullDecision[] = [];
  const ready: PendingReview[] = [];
  for (const { issue, pull, work } of agentPullsOnIssues(issues, ctx.agents)) {
    if (work.state === 'delegated') {
      drafts.push({
        kind: 'agentPull', id: `agent:${pull.repo}#${pull.number}`, item: pull, agent: work.agent, closes: work.closes, due: issue.due, bucket: dueBucket(issue.due, ctx.now),
        commits: pull.commits ?? null, contextValue: tokens('agentPull delegated', !!pull.url && 'linked'),
      });
    } else if (!asked.has(issueKey(pull.repo, pull.number))) {
      ready.push({
        repo: pull.repo, number: pull.number, title: pull.title, author: pull.author, url: pull.url, requestedAt: pull.readyAt ?? pull.updatedAt, createdAt: pull.createdAt,
        direct: true, additions: 0, deletions: 0, draft: false, ci: 'none', labels: [], requested: true, updatedAt: pull.updatedAt,
        ...(pull.authorIsBot ? { authorIsBot: true } : {}), agentPull: true,
      });
    }
  }
  return { drafts, ready };
}

/** Everything the tree shows and the palette picks from, decided at one `now`. */
export interface WorkDecisions<R extends PendingReview = PendingReview, P extends OwnPullItem = OwnPullItem, I extends DelegatedIssueItem = DelegatedIssueItem, T extends DelegatedTaskItem = DelegatedTaskItem> {
  readonly now: number;
  /** Pending reviews in the inbox, not snoozed, in its order. */
  readonly reviews: readonly (ReviewDecision & { readonly item: R })[];
  /** The snoozed ones, in the same order: not in the tree nor the palette (the queue lists them on demand). */
  readonly snoozed: readonly (ReviewDecision & { readonly item: R })[];
  /** The lead's open PRs, in the inbox's order. */
  readonly own: readonly OwnPullDecision<P>[];
  readonly issues: readonly DelegatedDecision<I>[];
  /** Open tasks (done ones are not shown). */
  readonly tasks: readonly DelegatedDecision<T>[];
  /** Coding agents' draft PRs on the delegated issues (their ready ones are in `reviews`). */
  readonly agentPulls: readonly AgentPullDecision[];
  readonly team: readonly TeamMemberDecision[];
}

/** What `decideWork` reads. */
export interface WorkFacts<R extends PendingReview, P extends OwnPullItem, I extends DelegatedIssueItem, T extends DelegatedTaskItem> {
  readonly reviews: readonly R[];
  readonly ownPullRequests: readonly P[];
  readonly delegatedIssues: readonly I[];
  readonly tasks: readonly T[];
  readonly teamLoad?: readonly MemberReviews[] | null;
  readonly teamMembers: readonly string[];
}

/**
 * A decision kept from the last time, for an item that is the same object and was decided at the
 * same `now` and settings (a snooze, a nudge or a merge changes one item: the others are kept).
 */
export type Remembered = <X extends object, D>(item: X, decide: (item: X) => D) => D;

const fresh: Remembered = (item, decide) => decide(item);

/** Decides every item; `remember` lets a caller keep the decisions of unchanged items. */
export function decideWork<R extends PendingReview, P extends OwnPullItem, I extends DelegatedIssueItem, T extends DelegatedTaskItem>(
  facts: WorkFacts<R, P, I, T>, ctx: DecisionContext, remember: Remembered = fresh,
): WorkDecisions<R, P, I, T> {
  const reviews: (ReviewDecision & { readonly item: R })[] = [];
  const snoozed: (ReviewDecision & { readonly item: R })[] = [];
  const agents = agentPulls(facts.delegatedIssues, facts.reviews, ctx);
  // An agent's draft shows once, under Delegated work, even when the lead was asked on it already.
  const agentDrafts = new Set(agents.drafts.map((a) => issueKey(a.item.repo, a.item.number)));
  const pending = facts.reviews.filter((r) => !agentDrafts.has(issueKey(r.repo, r.number)));
  // A ready agent PR is a plain pending review (R adds nothing the sidebar gives it).
  for (const r of [...pending, ...agents.ready as R[]]) {
    const d = remember(r, (x) => decideReview(x, ctx)) as (ReviewDecision & { readonly item: R }) | null;
    if (d) (d.snoozed ? snoozed : reviews).push(d);
  }
  const own = facts.ownPullRequests.map((p) => remember(p, (x) => decideOwnPull(x, ctx)));
  return {
    now: ctx.now,
    reviews: reviews.sort(inboxOrderOf(REVIEW_STATES)),
    snoozed: snoozed.sort(inboxOrderOf(REVIEW_STATES)),
    own: own.sort(inboxOrderOf(OWN_STATES)),
    issues: facts.delegatedIssues.map((i) => remember(i, (x) => decideIssue(x, ctx))),
    tasks: facts.tasks.filter((t) => !t.doneAt).map((t) => remember(t, (x) => decideTask(x, ctx))),
    agentPulls: agents.drafts,
    team: facts.teamMembers.length > 0 ? decideTeam(facts.teamLoad ?? null, facts.teamMembers, ctx, remember) : [],
  };
}

/**
 * A decision kept from the last time still holds for the same item object at the same `now` and
 * settings, unless the nudge log changed its "nudged … ago" or a hand-off its Nudge….
 */
export function stillHolds(d: ItemDecision | null, ctx: DecisionContext): boolean {
  if (d === null || d.kind === 'review') return true;
  // A hand-off is recorded without a new load.
  if (d.kind === 'teamReview') return ctx.handedAt(d.item.repo, d.item.number, d.member) === d.handedAt;
  const item = d.item as { repo?: string; number?: number; issueNumber?: number };
  const number = d.kind === 'task' ? item.issueNumber : item.number;
  return (item.repo && number ? ctx.lastNudgeAt(item.repo, number) : undefined) === d.lastNudgeAt;
}

/** `inboxOrder` for decisions: by their place. */
function inboxOrderOf(order: readonly (ReviewInboxState | OwnInboxState)[]): (a: Waiting, b: Waiting) => number {
  const compare = inboxOrder(order);
  return (a, b) => compare(a.place, b.place);
}

/** The view badge: "needs your review" and "re-requested" past the SLA, stale or not. */
export const badgeOf = (d: Pick<WorkDecisions, 'reviews'>): number => d.reviews.filter((r) => r.pastSla && (r.basis === 'needs-review' || r.basis === 're-requested')).length;
