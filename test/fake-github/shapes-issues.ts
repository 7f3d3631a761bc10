// GitHub-shaped issues, pull requests, reviews, comments, timeline items and search results.
import {
  type ScenarioComment, type ScenarioIssue, type ScenarioPull, type ScenarioReview, type ScenarioTimelineEvent,
  findRepo, isPull, teamsOf,
} from './scenario';
import { type Shape, type ShapeContext, labelsByName, milestoneByNumber, nodeId, repository, simpleUser, team } from './shapes-base';

function reactions(url: string): Shape {
  return { url, total_count: 0, '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 };
}

/** GitHub's author_association: how `login` relates to the repo. */
export function association(ctx: ShapeContext, repo: string, login: string): string {
  const [owner, name] = repo.split('/');
  const r = findRepo(ctx.scenario, owner ?? '', name ?? '');
  if (r?.owner === login) return 'OWNER';
  if (teamsOf(ctx.scenario, login).some((t) => t.startsWith(`${owner}/`))) return 'MEMBER';
  if (r?.collaborators.some((c) => c.login === login)) return 'COLLABORATOR';
  return 'NONE';
}

function commentCount(ctx: ShapeContext, i: ScenarioIssue): number {
  return ctx.scenario.comments.filter((c) => c.repo === i.repo && c.issue === i.number).length;
}

/** An issue, or a PR seen through the issues API (then it carries the `pull_request` key). */
export function issue(ctx: ShapeContext, i: ScenarioIssue): Shape {
  const a = `${ctx.api}/repos/${i.repo}/issues/${i.number}`;
  const html = `${ctx.web}/${i.repo}/${isPull(i) ? 'pull' : 'issues'}/${i.number}`;
  const shape: Shape = {
    url: a,
    repository_url: `${ctx.api}/repos/${i.repo}`,
    labels_url: `${a}/labels{/name}`,
    comments_url: `${a}/comments`,
    events_url: `${a}/events`,
    html_url: html,
    id: i.id,
    node_id: nodeId(isPull(i) ? 'PR' : 'I', i.id),
    number: i.number,
    title: i.title,
    user: simpleUser(ctx, i.author),
    labels: labelsByName(ctx, i.repo, i.labels),
    state: i.state,
    locked: i.locked ?? false,
    assignee: i.assignees[0] ? simpleUser(ctx, i.assignees[0]) : null,
    assignees: i.assignees.map((l) => simpleUser(ctx, l)),
    milestone: milestoneByNumber(ctx, i.repo, i.milestone),
    comments: commentCount(ctx, i),
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_at: i.closedAt,
    author_association: association(ctx, i.repo, i.author),
    type: null,
    active_lock_reason: null,
    body: i.body,
    closed_by: null,
    reactions: reactions(`${a}/reactions`),
    timeline_url: `${a}/timeline`,
    performed_via_github_app: null,
    state_reason: i.stateReason ?? null,
  };
  if (isPull(i)) {
    const p = `${ctx.api}/repos/${i.repo}/pulls/${i.number}`;
    shape['draft'] = i.draft;
    shape['pull_request'] = { url: p, html_url: html, diff_url: `${html}.diff`, patch_url: `${html}.patch`, merged_at: i.mergedAt };
  }
  return shape;
}

/** An item of `GET /search/issues`. */
export function searchItem(ctx: ShapeContext, i: ScenarioIssue): Shape {
  return { ...issue(ctx, i), score: 1 };
}

function branch(ctx: ShapeContext, p: ScenarioPull, side: { ref: string; sha: string }): Shape {
  const owner = p.repo.split('/')[0] ?? '';
  return { label: `${owner}:${side.ref}`, ref: side.ref, sha: side.sha, user: simpleUser(ctx, owner), repo: repository(ctx, p.repo) };
}

/** A PR as `GET /repos/{o}/{r}/pulls` lists it ("pull-request-simple": no size fields). */
export function pullSimple(ctx: ShapeContext, p: ScenarioPull): Shape {
  const a = `${ctx.api}/repos/${p.repo}/pulls/${p.number}`;
  const issueUrl = `${ctx.api}/repos/${p.repo}/issues/${p.number}`;
  const html = `${ctx.web}/${p.repo}/pull/${p.number}`;
  const statuses = `${ctx.api}/repos/${p.repo}/statuses/${p.head.sha}`;
  return {
    url: a,
    id: p.pullId,
    node_id: nodeId('PR', p.pullId),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueUrl,
    number: p.number,
    state: p.state,
    locked: p.locked ?? false,
    title: p.title,
    user: simpleUser(ctx, p.author),
    body: p.body,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    closed_at: p.closedAt,
    merged_at: p.mergedAt,
    merge_commit_sha: p.mergedAt ? p.head.sha : null,
    assignee: p.assignees[0] ? simpleUser(ctx, p.assignees[0]) : null,
    assignees: p.assignees.map((l) => simpleUser(ctx, l)),
    requested_reviewers: p.requestedReviewers.map((l) => simpleUser(ctx, l)),
    requested_teams: p.requestedTeams.map((t) => team(ctx, t)),
    labels: labelsByName(ctx, p.repo, p.labels),
    milestone: milestoneByNumber(ctx, p.repo, p.milestone),
    draft: p.draft,
    commits_url: `${a}/commits`,
    review_comments_url: `${a}/comments`,
    review_comment_url: `${ctx.api}/repos/${p.repo}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: statuses,
    head: branch(ctx, p, p.head),
    base: branch(ctx, p, p.base),
    _links: {
      self: { href: a },
      html: { href: html },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${a}/comments` },
      review_comment: { href: `${ctx.api}/repos/${p.repo}/pulls/comments{/number}` },
      commits: { href: `${a}/commits` },
      statuses: { href: statuses },
    },
    author_association: association(ctx, p.repo, p.author),
    auto_merge: null,
    active_lock_reason: null,
  };
}

/** A PR as `GET /repos/{o}/{r}/pulls/{n}` returns it, with size and merge state. */
export function pullFull(ctx: ShapeContext, p: ScenarioPull): Shape {
  const merged = p.mergedAt !== null;
  return {
    ...pullSimple(ctx, p),
    merged,
    mergeable: p.state === 'open' ? true : null,
    rebaseable: p.state === 'open' ? true : null,
    mergeable_state: p.draft ? 'draft' : p.state === 'open' ? 'blocked' : 'unknown',
    merged_by: merged && p.mergedBy ? simpleUser(ctx, p.mergedBy) : null,
    comments: commentCount(ctx, p),
    review_comments: 0,
    maintainer_can_modify: false,
    commits: p.commits,
    additions: p.additions,
    deletions: p.deletions,
    changed_files: p.changedFiles,
  };
}

export function requestedReviewers(ctx: ShapeContext, p: ScenarioPull): Shape {
  return { users: p.requestedReviewers.map((l) => simpleUser(ctx, l)), teams: p.requestedTeams.map((t) => team(ctx, t)) };
}

export function review(ctx: ShapeContext, r: ScenarioReview): Shape {
  const html = `${ctx.web}/${r.repo}/pull/${r.pull}#pullrequestreview-${r.id}`;
  const pr = `${ctx.api}/repos/${r.repo}/pulls/${r.pull}`;
  return {
    id: r.id,
    node_id: nodeId('PRR', r.id),
    user: simpleUser(ctx, r.user),
    body: r.body,
    state: r.state,
    html_url: html,
    pull_request_url: pr,
    author_association: association(ctx, r.repo, r.user),
    _links: { html: { href: html }, pull_request: { href: pr } },
    ...(r.state === 'PENDING' ? {} : { submitted_at: r.submittedAt }),
    commit_id: r.commitId,
  };
}

export function comment(ctx: ShapeContext, c: ScenarioComment): Shape {
  const item = ctx.scenario.pulls.some((p) => p.repo === c.repo && p.number === c.issue) ? 'pull' : 'issues';
  const a = `${ctx.api}/repos/${c.repo}/issues/comments/${c.id}`;
  return {
    id: c.id,
    node_id: nodeId('IC', c.id),
    url: a,
    html_url: `${ctx.web}/${c.repo}/${item}/${c.issue}#issuecomment-${c.id}`,
    body: c.body,
    user: simpleUser(ctx, c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    issue_url: `${ctx.api}/repos/${c.repo}/issues/${c.issue}`,
    author_association: association(ctx, c.repo, c.user),
    performed_via_github_app: null,
    reactions: reactions(`${a}/reactions`),
  };
}

function issueEvent(ctx: ShapeContext, e: ScenarioTimelineEvent): Shape {
  const shape: Shape = {
    id: e.id,
    node_id: nodeId('RRE', e.id),
    url: `${ctx.api}/repos/${e.repo}/issues/events/${e.id}`,
    actor: simpleUser(ctx, e.actor),
    event: e.event,
    commit_id: null,
    commit_url: null,
    created_at: e.createdAt,
    performed_via_github_app: null,
  };
  if (e.event === 'review_requested' || e.event === 'review_request_removed') {
    shape['review_requester'] = simpleUser(ctx, e.actor);
    if (e.requestedReviewer) shape['requested_reviewer'] = simpleUser(ctx, e.requestedReviewer);
    if (e.requestedTeam) shape['requested_team'] = team(ctx, e.requestedTeam);
  }
  if ((e.event === 'assigned' || e.event === 'unassigned') && e.assignee) shape['assignee'] = simpleUser(ctx, e.assignee);
  if ((e.event === 'labeled' || e.event === 'unlabeled') && e.label) {
    const l = labelsByName(ctx, e.repo, [e.label])[0];
    shape['label'] = { name: e.label, color: l?.['color'] ?? 'ededed' };
  }
  if (e.event === 'closed' || e.event === 'reopened') shape['state_reason'] = null;
  return shape;
}

/**
 * The timeline of an issue/PR: recorded events plus comments ("commented") and reviews
 * ("reviewed"), oldest first, as `GET …/issues/{n}/timeline` returns them.
 */
export function timeline(ctx: ShapeContext, repo: string, num: number): Shape[] {
  const s = ctx.scenario;
  const items: { at: string; shape: Shape }[] = [];
  for (const e of s.timeline) if (e.repo === repo && e.issue === num) items.push({ at: e.createdAt, shape: issueEvent(ctx, e) });
  for (const c of s.comments) {
    if (c.repo === repo && c.issue === num) items.push({ at: c.createdAt, shape: { ...comment(ctx, c), event: 'commented', actor: simpleUser(ctx, c.user) } });
  }
  for (const r of s.reviews) {
    if (r.repo === repo && r.pull === num && r.state !== 'PENDING') {
      // The timeline spells review states in lower case, unlike the reviews endpoint.
      items.push({ at: r.submittedAt, shape: { ...review(ctx, r), event: 'reviewed', state: r.state.toLowerCase() } });
    }
  }
  return items.sort((x, y) => x.at.localeCompare(y.at)).map((x) => x.shape);
}
