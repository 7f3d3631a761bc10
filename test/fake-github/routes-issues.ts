// Routes for search, issues (and PRs through the issues API), pull requests, reviews, comments.
import {
  type Scenario, type ScenarioIssue, type ScenarioLabel, type ScenarioRepo, findIssueOrPull, findRepo, fullName, isPull,
  iso, nextId, requestReview,
} from './scenario';
import * as shapes from './builders';
import {
  DOCS, HttpError, type Route, type RouteRequest, asRecord, byKey, direction, notFound, ok, paginate,
} from './http-kit';
import { searchIssues } from './search';

const SEARCH_CAP = 1000;

export function repoOf(req: RouteRequest): ScenarioRepo {
  const r = findRepo(req.ctx.scenario, req.params['owner'] ?? '', req.params['repo'] ?? '');
  if (!r) throw notFound();
  return r;
}

function itemOf(req: RouteRequest): ScenarioIssue {
  const repo = fullName(repoOf(req));
  const n = Number(req.params['issue_number'] ?? req.params['pull_number']);
  const item = findIssueOrPull(req.ctx.scenario, repo, n);
  if (!item) throw notFound();
  return item;
}

function pullOf(req: RouteRequest) {
  const item = itemOf(req);
  if (!isPull(item)) throw notFound();
  return item;
}

function unprocessable(message: string): HttpError {
  return new HttpError(422, { message, documentation_url: DOCS, status: '422' });
}

/** Who may be assigned: GitHub silently drops anyone without access to the repo. */
function assignable(s: Scenario, repo: ScenarioRepo, login: string): boolean {
  const l = login.toLowerCase();
  return l === s.me.toLowerCase()
    || repo.collaborators.some((c) => c.login.toLowerCase() === l)
    || s.teams.some((t) => t.org === repo.owner && t.members.some((m) => m.toLowerCase() === l));
}

/** Label names from `["a"]` or `[{name:"a"}]`; missing labels are created, as GitHub does. */
function labelNames(s: Scenario, repo: ScenarioRepo, raw: unknown): string[] {
  if (!Array.isArray(raw)) throw unprocessable('Invalid request.\n\nFor \'properties/labels\', value is not an array.');
  return raw.map((x) => {
    const name = typeof x === 'string' ? x : String(asRecord(x)['name'] ?? '');
    if (!repo.labels.some((l) => l.name.toLowerCase() === name.toLowerCase())) {
      const created: ScenarioLabel = { id: nextId(s), name, color: 'ededed', description: null };
      repo.labels.push(created);
    }
    return repo.labels.find((l) => l.name.toLowerCase() === name.toLowerCase())?.name ?? name;
  });
}

function logins(raw: unknown): string[] {
  return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
}

function setAssignees(req: RouteRequest, repo: ScenarioRepo, item: ScenarioIssue, next: string[]): void {
  const s = req.ctx.scenario;
  const wanted = [...new Set(next.filter((l) => assignable(s, repo, l)))];
  const at = iso(req.now);
  for (const a of wanted.filter((l) => !item.assignees.includes(l))) {
    s.timeline.push({ id: nextId(s), repo: item.repo, issue: item.number, event: 'assigned', actor: s.me, assignee: a, createdAt: at });
  }
  for (const a of item.assignees.filter((l) => !wanted.includes(l))) {
    s.timeline.push({ id: nextId(s), repo: item.repo, issue: item.number, event: 'unassigned', actor: s.me, assignee: a, createdAt: at });
  }
  item.assignees = wanted;
}

function setLabels(req: RouteRequest, item: ScenarioIssue, next: string[]): void {
  const s = req.ctx.scenario;
  const at = iso(req.now);
  for (const l of next.filter((x) => !item.labels.includes(x))) {
    s.timeline.push({ id: nextId(s), repo: item.repo, issue: item.number, event: 'labeled', actor: s.me, label: l, createdAt: at });
  }
  item.labels = [...new Set(next)];
}

function patchIssue(req: RouteRequest) {
  const s = req.ctx.scenario;
  const repo = repoOf(req);
  const item = itemOf(req);
  const b = asRecord(req.body);
  if (typeof b['title'] === 'string') item.title = b['title'];
  if (typeof b['body'] === 'string' || b['body'] === null) item.body = b['body'] as string | null;
  if ('assignees' in b) setAssignees(req, repo, item, logins(b['assignees']));
  else if ('assignee' in b) setAssignees(req, repo, item, typeof b['assignee'] === 'string' ? [b['assignee']] : []);
  if ('labels' in b) setLabels(req, item, labelNames(s, repo, b['labels']));
  if ('milestone' in b) {
    const m = b['milestone'];
    if (m !== null && !s.milestones.some((x) => x.repo === item.repo && x.number === Number(m))) throw unprocessable('Validation Failed');
    item.milestone = m === null ? null : Number(m);
  }
  if (b['state'] === 'closed' || b['state'] === 'open') {
    if (b['state'] !== item.state) {
      item.state = b['state'];
      item.closedAt = b['state'] === 'closed' ? iso(req.now) : null;
      s.timeline.push({ id: nextId(s), repo: item.repo, issue: item.number, event: b['state'] === 'closed' ? 'closed' : 'reopened', actor: s.me, createdAt: iso(req.now) });
    }
    if (!isPull(item)) item.stateReason = b['state'] === 'closed' ? ((b['state_reason'] as ScenarioIssue['stateReason']) ?? 'completed') : 'reopened';
  }
  item.updatedAt = iso(req.now);
  return ok(shapes.issue(req.ctx, item));
}

function listIssues(req: RouteRequest) {
  const s = req.ctx.scenario;
  const repo = fullName(repoOf(req));
  const q = req.query;
  const state = q.get('state') ?? 'open';
  const labels = (q.get('labels') ?? '').split(',').map((x) => x.trim().toLowerCase()).filter(Boolean);
  const creator = q.get('creator')?.toLowerCase();
  const assignee = q.get('assignee')?.toLowerCase();
  const milestone = q.get('milestone');
  const since = q.get('since');
  const all: ScenarioIssue[] = [...s.issues, ...s.pulls].filter((i) => i.repo === repo)
    .filter((i) => state === 'all' || i.state === state)
    .filter((i) => labels.every((l) => i.labels.some((x) => x.toLowerCase() === l)))
    .filter((i) => !creator || i.author.toLowerCase() === creator)
    .filter((i) => !assignee || (assignee === 'none' ? i.assignees.length === 0
      : assignee === '*' ? i.assignees.length > 0 : i.assignees.some((a) => a.toLowerCase() === assignee)))
    .filter((i) => milestone === null || (milestone === 'none' ? i.milestone === null
      : milestone === '*' ? i.milestone !== null : i.milestone === Number(milestone)))
    .filter((i) => !since || Date.parse(i.updatedAt) >= Date.parse(since));
  const sort = q.get('sort') ?? 'created';
  const comments = (i: ScenarioIssue): number => s.comments.filter((c) => c.repo === i.repo && c.issue === i.number).length;
  const key = sort === 'updated' ? (i: ScenarioIssue) => i.updatedAt : sort === 'comments' ? comments : (i: ScenarioIssue) => i.createdAt;
  all.sort(byKey<ScenarioIssue>(key, direction(q, 'desc')));
  const page = paginate(req, all);
  return ok(page.items.map((i) => shapes.issue(req.ctx, i)), page.headers);
}

function listPulls(req: RouteRequest) {
  const s = req.ctx.scenario;
  const repo = fullName(repoOf(req));
  const q = req.query;
  const state = q.get('state') ?? 'open';
  const head = q.get('head');
  const base = q.get('base');
  const sort = q.get('sort') ?? 'created';
  const all = s.pulls.filter((p) => p.repo === repo)
    .filter((p) => state === 'all' || p.state === state)
    .filter((p) => !head || head === `${repo.split('/')[0]}:${p.head.ref}` || head === p.head.ref)
    .filter((p) => !base || p.base.ref === base);
  // GitHub: default direction is desc for `created`, asc for the other sorts.
  const dir = direction(q, sort === 'created' ? 'desc' : 'asc');
  all.sort(byKey((p) => (sort === 'updated' ? p.updatedAt : p.createdAt), dir));
  const page = paginate(req, all);
  return ok(page.items.map((p) => shapes.pullSimple(req.ctx, p)), page.headers);
}

export const issueRoutes: Route[] = [
  {
    method: 'GET', template: '/search/issues', resource: 'search',
    handle(req) {
      const hits = searchIssues(req.ctx.scenario, req.query.get('q') ?? '', req.query.get('sort'), req.query.get('order'));
      const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30) || 30));
      const pageNo = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
      if ((pageNo - 1) * perPage >= SEARCH_CAP) {
        throw new HttpError(422, { message: 'Only the first 1000 search results are available', documentation_url: `${DOCS}/search/search`, status: '422' });
      }
      const page = paginate(req, hits, SEARCH_CAP);
      return ok({ total_count: hits.length, incomplete_results: false, search_type: 'lexical', items: page.items.map((i) => shapes.searchItem(req.ctx, i)) }, page.headers);
    },
  },
  { method: 'GET', template: '/repos/{owner}/{repo}/issues', handle: listIssues },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/issues/{issue_number}',
    handle: (req) => {
      const item = itemOf(req);
      return { status: 200, body: shapes.issue(req.ctx, item), lastModified: new Date(item.updatedAt) };
    },
  },
  { method: 'PATCH', template: '/repos/{owner}/{repo}/issues/{issue_number}', handle: patchIssue },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/issues/{issue_number}/timeline',
    handle(req) {
      const item = itemOf(req);
      const page = paginate(req, shapes.timeline(req.ctx, item.repo, item.number));
      return ok(page.items, page.headers);
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    handle(req) {
      const item = itemOf(req);
      const since = req.query.get('since');
      const list = req.ctx.scenario.comments.filter((c) => c.repo === item.repo && c.issue === item.number)
        .filter((c) => !since || Date.parse(c.updatedAt) >= Date.parse(since))
        .sort(byKey((c) => c.createdAt, 'asc'));
      const page = paginate(req, list);
      return ok(page.items.map((c) => shapes.comment(req.ctx, c)), page.headers);
    },
  },
  {
    method: 'POST', template: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    handle(req) {
      const s = req.ctx.scenario;
      const item = itemOf(req);
      const body = asRecord(req.body)['body'];
      if (typeof body !== 'string' || body === '') throw unprocessable('Invalid request.\n\n"body" wasn\'t supplied.');
      const at = iso(req.now);
      const c = { id: nextId(s), repo: item.repo, issue: item.number, user: s.me, body, createdAt: at, updatedAt: at };
      s.comments.push(c);
      item.updatedAt = at;
      return { status: 201, body: shapes.comment(req.ctx, c), headers: { location: `${req.ctx.api}/repos/${item.repo}/issues/comments/${c.id}` } };
    },
  },
  {
    method: 'POST', template: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    handle(req) {
      const repo = repoOf(req);
      const item = itemOf(req);
      const raw = Array.isArray(req.body) ? req.body : asRecord(req.body)['labels'];
      setLabels(req, item, [...item.labels, ...labelNames(req.ctx.scenario, repo, raw)]);
      item.updatedAt = iso(req.now);
      return ok(shapes.labelsByName(req.ctx, item.repo, item.labels));
    },
  },
  {
    method: 'DELETE', template: '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
    handle(req) {
      const s = req.ctx.scenario;
      const item = itemOf(req);
      const name = (req.params['name'] ?? '').toLowerCase();
      const present = item.labels.find((l) => l.toLowerCase() === name);
      if (!present) throw new HttpError(404, { message: 'Label does not exist', documentation_url: DOCS, status: '404' });
      item.labels = item.labels.filter((l) => l !== present);
      item.updatedAt = iso(req.now);
      s.timeline.push({ id: nextId(s), repo: item.repo, issue: item.number, event: 'unlabeled', actor: s.me, label: present, createdAt: iso(req.now) });
      return ok(shapes.labelsByName(req.ctx, item.repo, item.labels));
    },
  },
  {
    method: 'POST', template: '/repos/{owner}/{repo}/issues/{issue_number}/assignees',
    handle(req) {
      const repo = repoOf(req);
      const item = itemOf(req);
      setAssignees(req, repo, item, [...item.assignees, ...logins(asRecord(req.body)['assignees'])]);
      item.updatedAt = iso(req.now);
      return { status: 201, body: shapes.issue(req.ctx, item) };
    },
  },
  {
    method: 'DELETE', template: '/repos/{owner}/{repo}/issues/{issue_number}/assignees',
    handle(req) {
      const repo = repoOf(req);
      const item = itemOf(req);
      const drop = logins(asRecord(req.body)['assignees']).map((l) => l.toLowerCase());
      setAssignees(req, repo, item, item.assignees.filter((a) => !drop.includes(a.toLowerCase())));
      item.updatedAt = iso(req.now);
      return ok(shapes.issue(req.ctx, item));
    },
  },
  { method: 'GET', template: '/repos/{owner}/{repo}/pulls', handle: listPulls },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/pulls/{pull_number}',
    handle: (req) => {
      const p = pullOf(req);
      return { status: 200, body: shapes.pullFull(req.ctx, p), lastModified: new Date(p.updatedAt) };
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
    handle(req) {
      const p = pullOf(req);
      const list = req.ctx.scenario.reviews.filter((r) => r.repo === p.repo && r.pull === p.number).sort(byKey((r) => r.submittedAt, 'asc'));
      const page = paginate(req, list);
      return ok(page.items.map((r) => shapes.review(req.ctx, r)), page.headers);
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
    handle: (req) => ok(shapes.requestedReviewers(req.ctx, pullOf(req))),
  },
  {
    // GitHub: 422 when any reviewer is not a collaborator, or is the author; nothing is requested then.
    method: 'POST', template: '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
    handle(req) {
      const s = req.ctx.scenario;
      const repo = repoOf(req);
      const p = pullOf(req);
      const users = logins(asRecord(req.body)['reviewers']);
      if (users.some((u) => u.toLowerCase() === p.author.toLowerCase())) throw unprocessable('Review cannot be requested from pull request author.');
      if (users.some((u) => !assignable(s, repo, u) || !s.users.some((x) => x.login.toLowerCase() === u.toLowerCase()))) {
        throw unprocessable(`Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${fullName(repo)} repository.`);
      }
      for (const u of users) requestReview(s, p, { user: s.users.find((x) => x.login.toLowerCase() === u.toLowerCase())!.login }, req.now, s.me);
      p.updatedAt = iso(req.now);
      return { status: 201, body: shapes.pullSimple(req.ctx, p) };
    },
  },
  {
    method: 'DELETE', template: '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
    handle(req) {
      const s = req.ctx.scenario;
      const p = pullOf(req);
      const drop = logins(asRecord(req.body)['reviewers']).map((l) => l.toLowerCase());
      for (const u of p.requestedReviewers.filter((x) => drop.includes(x.toLowerCase()))) {
        s.timeline.push({ id: nextId(s), repo: p.repo, issue: p.number, event: 'review_request_removed', actor: s.me, createdAt: iso(req.now), requestedReviewer: u });
      }
      p.requestedReviewers = p.requestedReviewers.filter((x) => !drop.includes(x.toLowerCase()));
      p.updatedAt = iso(req.now);
      return ok(shapes.pullSimple(req.ctx, p));
    },
  },
];
