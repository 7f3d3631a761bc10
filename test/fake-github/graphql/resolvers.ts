// Field resolvers over the scenario, per GraphQL type. A field without a resolver reads the
// property of the same name (connections, page info, payloads are plain objects); a field the
// scenario cannot answer resolves to null, which graphql-js rejects where the schema says `!`.
import { allowedMergeMethods } from '../routes-merge';
import { GraphQLError } from 'graphql';
import {
  type Scenario, type ScenarioCheckRun, type ScenarioCommitStatus, type ScenarioIssue, type ScenarioPull, type ScenarioReview, type ScenarioTimelineEvent,
  fakeSha, findIssueOrPull, findRepo, fullName, isPull,
} from '../scenario';
import { association } from '../shapes-issues';
import { nodeId } from '../shapes-base';
import { type HttpError } from '../http-kit';
import { searchIssues } from '../search';
import { type ConnectionArgs, connection } from './connection';
import {
  type ActorSrc, type Args, type CheckRunSrc, type CommentSrc, type CommitSrc, type EventSrc, type GqlContext, type IssueSrc, type ItemSrc,
  type LabelSrc, type MilestoneSrc, type PullCommitSrc, type PullSrc, type RefSrc, type RepoSrc, type ReviewRequestSrc, type ReviewSrc,
  type RollupSrc, type StatusContextSrc, type StatusSrc, type TeamSrc, type UserStatusSrc,
  actor, actorId, commitSrc, itemOf, itemSrc, labelSrc, nodeById, notFound, repoSrc, scenarioLogin, teamByKey, userDbId,
} from './sources';
import { queueTimelineEntries, teamIssueFields, teamPullFields, teamTypeResolvers } from './teamResolvers';

/** GitHub serves at most 1,000 results of any search, however many match. */
export const SEARCH_CAP = 1000;
const EPOCH = '2020-01-01T00:00:00Z';

// The map is keyed by type name at run time, so each entry takes its own source type.
type Fields<S> = Record<string, (src: S, args: Args, ctx: GqlContext) => unknown>;
export type Resolver = (src: unknown, args: Args, ctx: GqlContext) => unknown;

const page = (args: Args): ConnectionArgs => args as ConnectionArgs;
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const avatar = (id: number): string => `https://avatars.githubusercontent.com/u/${id}?v=4`;
const eq = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

// ---------- actors, teams ----------

const actorFields: Fields<ActorSrc> = {
  id: (a, _x, c) => actorId(c.s, a),
  databaseId: (a, _x, c) => userDbId(c.s, scenarioLogin(c.s, a)),
  login: (a) => a.login,
  url: (a, _x, c) => (a.__typename === 'Bot' ? `${c.web}/apps/${a.login}` : `${c.web}/${a.login}`),
  resourcePath: (a) => (a.__typename === 'Bot' ? `/apps/${a.login}` : `/${a.login}`),
  avatarUrl: (a, _x, c) => avatar(userDbId(c.s, scenarioLogin(c.s, a))),
  createdAt: (a, _x, c) => c.s.users.find((u) => u.login === scenarioLogin(c.s, a))?.createdAt ?? '2015-03-02T10:00:00Z',
  updatedAt: (a, _x, c) => c.s.users.find((u) => u.login === scenarioLogin(c.s, a))?.createdAt ?? '2015-03-02T10:00:00Z',
};

const userFields: Fields<ActorSrc> = {
  ...actorFields,
  name: (a, _x, c) => c.s.users.find((u) => eq(u.login, a.login))?.name ?? null,
  email: (a, _x, c) => c.s.users.find((u) => eq(u.login, a.login))?.email ?? '',
  company: (a, _x, c) => c.s.users.find((u) => eq(u.login, a.login))?.company ?? null,
  bio: () => null,
  location: () => null,
  isViewer: (a, _x, c) => eq(a.login, c.s.me),
  isBountyHunter: () => false,
  isSiteAdmin: () => false,
  status: (a, _x, c): UserStatusSrc | null => (eq(a.login, c.s.me) && c.s.userStatus ? { __typename: 'UserStatus', login: c.s.me, status: c.s.userStatus } : null),
  repositories: (a, args, c) => connection(c.s.repos.filter((r) => eq(r.owner, a.login)).map((repo): RepoSrc => ({ __typename: 'Repository', repo })), page(args)),
  organizations: (a, args, c) => connection(c.s.orgs.filter((o) => c.s.teams.some((t) => t.org === o.login && t.members.includes(a.login))).map((o) => actor(c.s, o.login)), page(args)),
};

const orgFields: Fields<ActorSrc> = {
  ...actorFields,
  name: (a, _x, c) => c.s.orgs.find((o) => o.login === a.login)?.name ?? null,
  team: (a, args, c): TeamSrc | null => {
    const team = c.s.teams.find((t) => t.org === a.login && t.slug === args['slug']);
    return team ? { __typename: 'Team', team } : null;
  },
  teams: (a, args, c) => {
    const who = strs(args['userLogins']);
    const q = typeof args['query'] === 'string' ? args['query'].toLowerCase() : '';
    const list = c.s.teams.filter((t) => t.org === a.login)
      .filter((t) => who.length === 0 || who.some((l) => t.members.includes(l)))
      .filter((t) => !q || t.name.toLowerCase().includes(q) || t.slug.includes(q));
    return connection(list.map((team): TeamSrc => ({ __typename: 'Team', team })), page(args));
  },
  repositories: (a, args, c) => connection(c.s.repos.filter((r) => eq(r.owner, a.login)).map((repo): RepoSrc => ({ __typename: 'Repository', repo })), page(args)),
  repository: (a, args, c): RepoSrc | null => {
    const repo = findRepo(c.s, a.login, String(args['name']));
    return repo ? { __typename: 'Repository', repo } : null;
  },
};

const teamFields: Fields<TeamSrc> = {
  id: (t) => nodeId('T', t.team.id),
  databaseId: (t) => t.team.id,
  slug: (t) => t.team.slug,
  name: (t) => t.team.name,
  combinedSlug: (t) => `${t.team.org}/${t.team.slug}`,
  description: (t) => t.team.description ?? null,
  url: (t, _x, c) => `${c.web}/orgs/${t.team.org}/teams/${t.team.slug}`,
  resourcePath: (t) => `/orgs/${t.team.org}/teams/${t.team.slug}`,
  avatarUrl: () => null,
  createdAt: () => EPOCH,
  updatedAt: () => EPOCH,
  privacy: () => 'VISIBLE',
  parentTeam: () => null,
  organization: (t, _x, c) => actor(c.s, t.team.org),
  members: (t, args, c) => connection(t.team.members.map((l) => actor(c.s, l)), page(args)),
};

const userStatusFields: Fields<UserStatusSrc> = {
  id: (u) => nodeId('UST', u.login),
  message: (u) => u.status.message,
  emoji: (u) => u.status.emoji,
  indicatesLimitedAvailability: (u) => u.status.indicatesLimitedAvailability,
  expiresAt: (u) => u.status.expiresAt,
  createdAt: (_u, _x, c) => c.now.toISOString(),
  updatedAt: (_u, _x, c) => c.now.toISOString(),
  organization: () => null,
  user: (u, _x, c) => actor(c.s, u.login),
};

// ---------- repositories, refs, milestones, labels ----------

type Order = { field?: string; direction?: 'ASC' | 'DESC' } | undefined;

function ordered<T extends ScenarioIssue>(items: T[], orderBy: Order, fallback: 'ASC' | 'DESC' = 'ASC'): T[] {
  const key = orderBy?.field === 'UPDATED_AT' ? (i: T) => i.updatedAt : (i: T) => i.createdAt;
  const sign = (orderBy?.direction ?? fallback) === 'ASC' ? 1 : -1;
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.number - b.number) * sign);
}

function pullState(p: ScenarioPull): string {
  return p.mergedAt ? 'MERGED' : p.state === 'open' ? 'OPEN' : 'CLOSED';
}

function filterPulls(pulls: ScenarioPull[], args: Args): ScenarioPull[] {
  const states = strs(args['states']);
  const labels = strs(args['labels']);
  return pulls.filter((p) => states.length === 0 || states.includes(pullState(p)))
    .filter((p) => labels.length === 0 || labels.some((l) => p.labels.some((x) => eq(x, l))))
    .filter((p) => typeof args['headRefName'] !== 'string' || p.head.ref === args['headRefName'])
    .filter((p) => typeof args['baseRefName'] !== 'string' || p.base.ref === args['baseRefName']);
}

function filterIssues(s: Scenario, issues: ScenarioIssue[], args: Args): ScenarioIssue[] {
  const f = (args['filterBy'] ?? {}) as Args;
  const states = [...strs(args['states']), ...strs(f['states'])];
  const labels = [...strs(args['labels']), ...strs(f['labels'])];
  const assignee = typeof f['assignee'] === 'string' ? f['assignee'] : undefined;
  const createdBy = typeof f['createdBy'] === 'string' ? f['createdBy'] : undefined;
  const since = typeof f['since'] === 'string' ? Date.parse(f['since']) : undefined;
  const milestone = typeof f['milestoneNumber'] === 'string' ? f['milestoneNumber'] : typeof f['milestone'] === 'string' ? f['milestone'] : undefined;
  const me = (l: string): string => (l === '@me' ? s.me : l);
  return issues.filter((i) => states.length === 0 || states.includes(i.state.toUpperCase()))
    .filter((i) => labels.length === 0 || labels.some((l) => i.labels.some((x) => eq(x, l))))
    .filter((i) => assignee === undefined || (assignee === '*' ? i.assignees.length > 0 : i.assignees.some((a) => eq(a, me(assignee)))))
    .filter((i) => createdBy === undefined || eq(i.author, me(createdBy)))
    .filter((i) => since === undefined || Date.parse(i.updatedAt) >= since)
    .filter((i) => milestone === undefined || (milestone === 'none' ? i.milestone === null : milestone === '*' ? i.milestone !== null : i.milestone === Number(milestone)));
}

const repoFields: Fields<RepoSrc> = {
  id: (r) => nodeId('R', r.repo.id),
  databaseId: (r) => r.repo.id,
  name: (r) => r.repo.name,
  nameWithOwner: (r) => fullName(r.repo),
  owner: (r, _x, c) => actor(c.s, r.repo.owner),
  url: (r, _x, c) => `${c.web}/${fullName(r.repo)}`,
  resourcePath: (r) => `/${fullName(r.repo)}`,
  description: (r) => r.repo.description,
  isPrivate: (r) => r.repo.private,
  visibility: (r) => (r.repo.private ? 'PRIVATE' : 'PUBLIC'),
  isArchived: () => false,
  isDisabled: () => false,
  isFork: () => false,
  isEmpty: () => false,
  isLocked: () => false,
  isTemplate: () => false,
  isMirror: () => false,
  archivedAt: () => null,
  createdAt: (r) => r.repo.createdAt,
  updatedAt: (r) => r.repo.pushedAt,
  pushedAt: (r) => r.repo.pushedAt,
  defaultBranchRef: (r): RefSrc => ({ __typename: 'Ref', repo: r.repo, name: r.repo.defaultBranch }),
  mergeCommitAllowed: (r) => allowedMergeMethods(r.repo).includes('merge'),
  squashMergeAllowed: (r) => allowedMergeMethods(r.repo).includes('squash'),
  rebaseMergeAllowed: (r) => allowedMergeMethods(r.repo).includes('rebase'),
  // GitHub remembers the viewer's last method; a scenario's repo prefers its first allowed one.
  viewerDefaultMergeMethod: (r) => (allowedMergeMethods(r.repo)[0] ?? 'merge').toUpperCase(),
  ref: (r, args): RefSrc | null => {
    const name = String(args['qualifiedName']).replace(/^refs\/heads\//, '');
    return r.repo.branches[name] ? { __typename: 'Ref', repo: r.repo, name } : null;
  },
  pullRequest: (r, args, c) => {
    const p = c.s.pulls.find((x) => x.repo === fullName(r.repo) && x.number === args['number']);
    if (!p) throw notFound(`Could not resolve to a PullRequest with the number of ${String(args['number'])}.`);
    return itemSrc(p);
  },
  issue: (r, args, c) => {
    const i = c.s.issues.find((x) => x.repo === fullName(r.repo) && x.number === args['number']);
    if (!i) throw notFound(`Could not resolve to an Issue with the number of ${String(args['number'])}.`);
    return itemSrc(i);
  },
  issueOrPullRequest: (r, args, c) => {
    const i = findIssueOrPull(c.s, fullName(r.repo), Number(args['number']));
    if (!i) throw notFound(`Could not resolve to an issue or pull request with the number of ${String(args['number'])}.`);
    return itemSrc(i);
  },
  pullRequests: (r, args, c) => connection(ordered(filterPulls(c.s.pulls.filter((p) => p.repo === fullName(r.repo)), args), args['orderBy'] as Order).map(itemSrc), page(args)),
  issues: (r, args, c) => connection(ordered(filterIssues(c.s, c.s.issues.filter((i) => i.repo === fullName(r.repo)), args), args['orderBy'] as Order).map(itemSrc), page(args)),
  milestone: (r, args, c): MilestoneSrc | null => {
    const m = c.s.milestones.find((x) => x.repo === fullName(r.repo) && x.number === args['number']);
    return m ? { __typename: 'Milestone', m } : null;
  },
  milestones: (r, args, c) => {
    const states = strs(args['states']);
    const q = typeof args['query'] === 'string' ? args['query'].toLowerCase() : '';
    const order = args['orderBy'] as Order;
    const key = order?.field === 'NUMBER' ? (m: { number: number }) => String(m.number).padStart(9, '0')
      : order?.field === 'CREATED_AT' ? (m: { createdAt: string }) => m.createdAt
        : order?.field === 'UPDATED_AT' ? (m: { updatedAt: string }) => m.updatedAt
          : (m: { dueOn: string | null }) => m.dueOn ?? '9999'; // no due date sorts last, as on GitHub
    const sign = order?.direction === 'DESC' ? -1 : 1;
    const list = c.s.milestones.filter((m) => m.repo === fullName(r.repo))
      .filter((m) => states.length === 0 || states.includes(m.state.toUpperCase()))
      .filter((m) => !q || m.title.toLowerCase().includes(q))
      .sort((a, b) => (key(a as never) < key(b as never) ? -1 : key(a as never) > key(b as never) ? 1 : 0) * sign);
    return connection(list.map((m): MilestoneSrc => ({ __typename: 'Milestone', m })), page(args));
  },
  label: (r, args): LabelSrc | null => {
    const label = r.repo.labels.find((l) => eq(l.name, String(args['name'])));
    return label ? { __typename: 'Label', repo: fullName(r.repo), label } : null;
  },
  labels: (r, args) => {
    const q = typeof args['query'] === 'string' ? args['query'].toLowerCase() : '';
    return connection(r.repo.labels.filter((l) => !q || l.name.toLowerCase().includes(q)).map((label): LabelSrc => ({ __typename: 'Label', repo: fullName(r.repo), label })), page(args));
  },
  assignableUsers: (r, args, c) => {
    const q = typeof args['query'] === 'string' ? args['query'].toLowerCase() : '';
    return connection(r.repo.collaborators.map((x) => x.login).filter((l) => !q || l.toLowerCase().includes(q)).map((l) => actor(c.s, l)), page(args));
  },
  viewerPermission: (r, _x, c) => r.repo.collaborators.find((x) => eq(x.login, c.s.me))?.permission.toUpperCase() ?? 'READ',
};

const refFields: Fields<RefSrc> = {
  id: (r) => nodeId('REF', `${fullName(r.repo)}:${r.name}`),
  name: (r) => r.name,
  prefix: () => 'refs/heads/',
  repository: (r): RepoSrc => ({ __typename: 'Repository', repo: r.repo }),
  target: (r, _x, c) => commitSrc(c.s, fullName(r.repo), r.repo.branches[r.name] ?? fakeSha(`${fullName(r.repo)}:${r.name}`)),
  associatedPullRequests: (r, args, c) => connection(filterPulls(c.s.pulls.filter((p) => p.repo === fullName(r.repo) && p.head.ref === r.name), args).map(itemSrc), page(args)),
};

function milestoneItems(s: Scenario, m: MilestoneSrc['m']): ScenarioIssue[] {
  return [...s.issues, ...s.pulls].filter((i) => i.repo === m.repo && i.milestone === m.number);
}

const milestoneFields: Fields<MilestoneSrc> = {
  id: (m) => nodeId('MI', m.m.id),
  number: (m) => m.m.number,
  title: (m) => m.m.title,
  description: (m) => m.m.description,
  dueOn: (m) => m.m.dueOn,
  state: (m) => m.m.state.toUpperCase(),
  closed: (m) => m.m.state === 'closed',
  closedAt: (m) => m.m.closedAt,
  createdAt: (m) => m.m.createdAt,
  updatedAt: (m) => m.m.updatedAt,
  url: (m, _x, c) => `${c.web}/${m.m.repo}/milestone/${m.m.number}`,
  resourcePath: (m) => `/${m.m.repo}/milestone/${m.m.number}`,
  creator: (m, _x, c) => actor(c.s, m.m.creator),
  repository: (m, _x, c) => repoSrc(c.s, m.m.repo),
  progressPercentage: (m, _x, c) => {
    const items = milestoneItems(c.s, m.m);
    const open = m.m.openIssues ?? items.filter((i) => i.state === 'open').length;
    const closed = m.m.closedIssues ?? items.filter((i) => i.state === 'closed').length;
    return open + closed === 0 ? 0 : (closed / (open + closed)) * 100;
  },
  issues: (m, args, c) => {
    // A scenario milestone may state its open/closed counts (as REST reports them) without listing
    // every issue; `totalCount` then reports those counts, and `nodes` the issues it does list.
    const list = filterIssues(c.s, milestoneItems(c.s, m.m).filter((i) => !isPull(i)), args);
    const conn = connection(ordered(list, args['orderBy'] as Order).map(itemSrc), page(args));
    const states = strs(args['states']);
    const open = m.m.openIssues;
    const closed = m.m.closedIssues;
    if (open !== undefined && closed !== undefined && strs(args['labels']).length === 0 && args['filterBy'] === undefined) {
      conn.totalCount = (states.length === 0 || states.includes('OPEN') ? open : 0) + (states.length === 0 || states.includes('CLOSED') ? closed : 0);
    }
    return conn;
  },
  pullRequests: (m, args, c) => connection(ordered(filterPulls(milestoneItems(c.s, m.m).filter(isPull), args), args['orderBy'] as Order).map(itemSrc), page(args)),
};

const labelFields: Fields<LabelSrc> = {
  id: (l) => nodeId('LA', l.label.id),
  name: (l) => l.label.name,
  color: (l) => l.label.color,
  description: (l) => l.label.description ?? null,
  isDefault: () => false,
  createdAt: () => EPOCH,
  updatedAt: () => EPOCH,
  url: (l, _x, c) => `${c.web}/${l.repo}/labels/${encodeURIComponent(l.label.name)}`,
  resourcePath: (l) => `/${l.repo}/labels/${encodeURIComponent(l.label.name)}`,
  repository: (l, _x, c) => repoSrc(c.s, l.repo),
};

// ---------- commits and CI ----------

function checksOf(s: Scenario, c: CommitSrc): { checks: ScenarioCheckRun[]; statuses: ScenarioCommitStatus[] } {
  const checks = s.checkRuns.filter((x) => x.repo === c.repo && x.headSha === c.sha);
  // Like the combined status, only the newest status per context counts.
  const latest = new Map<string, ScenarioCommitStatus>();
  for (const st of s.statuses.filter((x) => x.repo === c.repo && x.sha === c.sha).sort((a, b) => a.createdAt.localeCompare(b.createdAt))) latest.set(st.context, st);
  return { checks, statuses: [...latest.values()] };
}

/** A check run as a StatusState: unfinished → PENDING; success/neutral/skipped → SUCCESS; else FAILURE. */
function checkRunState(r: ScenarioCheckRun): string {
  if (r.status !== 'completed') return 'PENDING';
  return r.conclusion === 'success' || r.conclusion === 'neutral' || r.conclusion === 'skipped' ? 'SUCCESS' : 'FAILURE';
}

/** GitHub's rollup of check runs and commit statuses: the worst state wins. */
export function rollupState(checks: ScenarioCheckRun[], statuses: ScenarioCommitStatus[]): string {
  const states = [...checks.map(checkRunState), ...statuses.map((x) => x.state.toUpperCase())];
  for (const s of ['FAILURE', 'ERROR', 'PENDING', 'EXPECTED']) if (states.includes(s)) return s;
  return 'SUCCESS';
}

function rollupOf(s: Scenario, c: CommitSrc): RollupSrc | null {
  const { checks, statuses } = checksOf(s, c);
  return checks.length + statuses.length === 0 ? null : { __typename: 'StatusCheckRollup', commit: c, checks, statuses };
}

const commitFields: Fields<CommitSrc> = {
  id: (c) => nodeId('C', c.sha),
  oid: (c) => c.sha,
  abbreviatedOid: (c) => c.sha.slice(0, 7),
  url: (c, _x, ctx) => `${ctx.web}/${c.repo}/commit/${c.sha}`,
  commitUrl: (c, _x, ctx) => `${ctx.web}/${c.repo}/commit/${c.sha}`,
  resourcePath: (c) => `/${c.repo}/commit/${c.sha}`,
  commitResourcePath: (c) => `/${c.repo}/commit/${c.sha}`,
  committedDate: (c) => c.date,
  authoredDate: (c) => c.date,
  pushedDate: () => null,
  message: (c) => c.message,
  messageHeadline: (c) => c.message,
  messageBody: () => '',
  repository: (c, _x, ctx) => repoSrc(ctx.s, c.repo),
  statusCheckRollup: (c, _x, ctx) => rollupOf(ctx.s, c),
  status: (c, _x, ctx): StatusSrc | null => {
    const { statuses } = checksOf(ctx.s, c);
    return statuses.length === 0 ? null : { __typename: 'Status', commit: c, statuses };
  },
};

const rollupFields: Fields<RollupSrc> = {
  id: (r) => nodeId('SCR', r.commit.sha),
  state: (r) => rollupState(r.checks, r.statuses),
  commit: (r) => r.commit,
  contexts: (r, args) => {
    const items = [
      ...r.checks.map((run): CheckRunSrc => ({ __typename: 'CheckRun', run })),
      ...r.statuses.map((status): StatusContextSrc => ({ __typename: 'StatusContext', status })),
    ];
    return { ...connection(items, page(args)), checkRunCount: r.checks.length, statusContextCount: r.statuses.length };
  },
};

const checkRunFields: Fields<CheckRunSrc> = {
  id: (c) => nodeId('CR', c.run.id),
  databaseId: (c) => c.run.id,
  name: (c) => c.run.name,
  status: (c) => c.run.status.toUpperCase(),
  conclusion: (c) => c.run.conclusion?.toUpperCase() ?? null,
  startedAt: (c) => c.run.startedAt,
  completedAt: (c) => c.run.completedAt,
  url: (c, _x, ctx) => `${ctx.web}/${c.run.repo}/runs/${c.run.id}`,
  permalink: (c, _x, ctx) => `${ctx.web}/${c.run.repo}/runs/${c.run.id}`,
  detailsUrl: (c, _x, ctx) => `${ctx.web}/${c.run.repo}/runs/${c.run.id}`,
  resourcePath: (c) => `/${c.run.repo}/runs/${c.run.id}`,
  externalId: (c) => String(c.run.id),
  title: (c) => (c.run.conclusion === 'failure' ? `${c.run.name} failed` : null),
  summary: (c) => (c.run.conclusion === 'failure' ? 'Process completed with exit code 1.' : null),
  text: () => null,
  isRequired: () => false,
  repository: (c, _x, ctx) => repoSrc(ctx.s, c.run.repo),
};

const statusContextFields: Fields<StatusContextSrc> = {
  id: (x) => nodeId('SC', x.status.id),
  context: (x) => x.status.context,
  state: (x) => x.status.state.toUpperCase(),
  description: (x) => x.status.description,
  targetUrl: (x, _a, c) => `${c.web}/${x.status.repo}/commit/${x.status.sha}/checks`,
  createdAt: (x) => x.status.createdAt,
  avatarUrl: () => 'https://avatars.githubusercontent.com/u/9919?v=4',
  creator: () => null,
  isRequired: () => false,
  commit: (x, _a, c) => commitSrc(c.s, x.status.repo, x.status.sha),
};

const statusFields: Fields<StatusSrc> = {
  id: (x) => nodeId('ST', x.commit.sha),
  state: (x) => rollupState([], x.statuses),
  commit: (x) => x.commit,
  contexts: (x) => x.statuses.map((status): StatusContextSrc => ({ __typename: 'StatusContext', status })),
  context: (x, args) => {
    const status = x.statuses.find((st) => st.context === args['name']);
    return status ? { __typename: 'StatusContext', status } : null;
  },
};

// ---------- issues and pull requests ----------

const GQL_EVENT: Record<ScenarioTimelineEvent['event'], string> = {
  review_requested: 'ReviewRequestedEvent',
  review_request_removed: 'ReviewRequestRemovedEvent',
  ready_for_review: 'ReadyForReviewEvent',
  convert_to_draft: 'ConvertToDraftEvent',
  assigned: 'AssignedEvent',
  unassigned: 'UnassignedEvent',
  labeled: 'LabeledEvent',
  unlabeled: 'UnlabeledEvent',
  closed: 'ClosedEvent',
  reopened: 'ReopenedEvent',
};
const PR_ONLY = new Set(['ReviewRequestedEvent', 'ReviewRequestRemovedEvent', 'ReadyForReviewEvent', 'ConvertToDraftEvent', 'PullRequestReview']);

/** `ReviewRequestedEvent` → `REVIEW_REQUESTED_EVENT`, the `itemTypes` spelling. */
const itemType = (typename: string): string => typename.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

function timelineItems(s: Scenario, item: ScenarioIssue, args: Args): ReturnType<typeof connection> & Record<string, unknown> {
  const entries: { at: string; node: EventSrc | CommentSrc | ReviewSrc }[] = [];
  for (const event of s.timeline) if (event.repo === item.repo && event.issue === item.number) entries.push({ at: event.createdAt, node: { __typename: GQL_EVENT[event.event], event } });
  for (const comment of s.comments) if (comment.repo === item.repo && comment.issue === item.number) entries.push({ at: comment.createdAt, node: { __typename: 'IssueComment', comment } });
  if (isPull(item)) {
    for (const review of s.reviews) {
      if (review.repo === item.repo && review.pull === item.number && review.state !== 'PENDING') entries.push({ at: review.submittedAt, node: { __typename: 'PullRequestReview', review } });
    }
    entries.push(...(queueTimelineEntries(s, item.repo, item.number) as unknown as typeof entries));
  }
  const all = entries.filter((e) => isPull(item) || !PR_ONLY.has(e.node.__typename)).sort((a, b) => a.at.localeCompare(b.at));
  const types = strs(args['itemTypes']);
  const since = typeof args['since'] === 'string' ? Date.parse(args['since']) : undefined;
  const filtered = all.filter((e) => types.length === 0 || types.includes(itemType(e.node.__typename)))
    .filter((e) => since === undefined || Date.parse(e.at) >= since);
  const skip = typeof args['skip'] === 'number' ? args['skip'] : 0;
  const conn = connection(filtered.slice(skip).map((e) => e.node), page(args));
  return { ...conn, totalCount: all.length, filteredCount: filtered.length, pageCount: conn.nodes.length, updatedAt: item.updatedAt };
}

function latestPerUser(list: ScenarioReview[]): ScenarioReview[] {
  const latest = new Map<string, ScenarioReview>();
  for (const r of [...list].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))) latest.set(r.user, r);
  return [...latest.values()];
}

function reviewsOf(s: Scenario, p: ScenarioPull): ScenarioReview[] {
  return s.reviews.filter((r) => r.repo === p.repo && r.pull === p.number).sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
}

function pullCommits(s: Scenario, p: ScenarioPull): PullCommitSrc[] {
  const n = Math.max(1, p.commits);
  return Array.from({ length: n }, (_, i): PullCommitSrc => {
    const sha = i === n - 1 ? p.head.sha : fakeSha(`${p.repo}#${p.number}:commit:${i}`);
    const commit = i === n - 1 ? commitSrc(s, p.repo, sha) : { __typename: 'Commit' as const, repo: p.repo, sha, date: p.commitDates?.[i] ?? p.createdAt, message: `Commit ${i + 1}` };
    return { __typename: 'PullRequestCommit', pull: p, commit };
  });
}

const issueishFields: Fields<ItemSrc> = {
  number: (x) => itemOf(x).number,
  title: (x) => itemOf(x).title,
  body: (x) => itemOf(x).body ?? '',
  bodyText: (x) => itemOf(x).body ?? '',
  url: (x, _a, c) => `${c.web}/${itemOf(x).repo}/${x.__typename === 'PullRequest' ? 'pull' : 'issues'}/${itemOf(x).number}`,
  resourcePath: (x) => `/${itemOf(x).repo}/${x.__typename === 'PullRequest' ? 'pull' : 'issues'}/${itemOf(x).number}`,
  createdAt: (x) => itemOf(x).createdAt,
  updatedAt: (x) => itemOf(x).updatedAt,
  publishedAt: (x) => itemOf(x).createdAt,
  lastEditedAt: () => null,
  closed: (x) => itemOf(x).state === 'closed',
  closedAt: (x) => itemOf(x).closedAt,
  locked: (x) => itemOf(x).locked ?? false,
  activeLockReason: () => null,
  author: (x, _a, c) => actor(c.s, itemOf(x).author),
  authorAssociation: (x, _a, c) => association({ scenario: c.s, api: '', web: c.web }, itemOf(x).repo, itemOf(x).author),
  repository: (x, _a, c) => repoSrc(c.s, itemOf(x).repo),
  labels: (x, args, c) => connection(itemOf(x).labels.map((l) => labelSrc(c.s, itemOf(x).repo, l)), page(args)),
  assignees: (x, args, c) => connection(itemOf(x).assignees.map((l) => actor(c.s, l)), page(args)),
  milestone: (x, _a, c): MilestoneSrc | null => {
    const m = c.s.milestones.find((y) => y.repo === itemOf(x).repo && y.number === itemOf(x).milestone);
    return m ? { __typename: 'Milestone', m } : null;
  },
  comments: (x, args, c) => connection(c.s.comments.filter((y) => y.repo === itemOf(x).repo && y.issue === itemOf(x).number)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((comment): CommentSrc => ({ __typename: 'IssueComment', comment })), page(args)),
  participants: (x, args, c) => {
    const i = itemOf(x);
    const logins = [...new Set([i.author, ...i.assignees, ...c.s.comments.filter((y) => y.repo === i.repo && y.issue === i.number).map((y) => y.user)])];
    return connection(logins.map((l) => actor(c.s, l)), page(args));
  },
  timelineItems: (x, args, c) => timelineItems(c.s, itemOf(x), args),
};

const issueFields: Fields<IssueSrc> = {
  ...(issueishFields as Fields<IssueSrc>),
  id: (x) => nodeId('I', x.issue.id),
  databaseId: (x) => x.issue.id,
  state: (x) => x.issue.state.toUpperCase(),
  stateReason: (x) => x.issue.stateReason?.toUpperCase() ?? null,
};

const pullFields: Fields<PullSrc> = {
  ...(issueishFields as Fields<PullSrc>),
  id: (x) => nodeId('PR', x.pull.pullId),
  databaseId: (x) => x.pull.pullId,
  state: (x) => pullState(x.pull),
  isDraft: (x) => x.pull.draft,
  merged: (x) => x.pull.mergedAt !== null,
  mergedAt: (x) => x.pull.mergedAt,
  mergedBy: (x, _a, c) => (x.pull.mergedBy ? actor(c.s, x.pull.mergedBy) : null),
  additions: (x) => x.pull.additions,
  deletions: (x) => x.pull.deletions,
  changedFiles: (x) => x.pull.changedFiles,
  headRefName: (x) => x.pull.head.ref,
  headRefOid: (x) => x.pull.head.sha,
  baseRefName: (x) => x.pull.base.ref,
  baseRefOid: (x) => x.pull.base.sha,
  isCrossRepository: () => false,
  maintainerCanModify: () => false,
  mergeable: (x) => (x.pull.state === 'open' ? 'MERGEABLE' : 'UNKNOWN'),
  permalink: (x, _a, c) => `${c.web}/${x.pull.repo}/pull/${x.pull.number}`,
  totalCommentsCount: (x, _a, c) => c.s.comments.filter((y) => y.repo === x.pull.repo && y.issue === x.pull.number).length,
  baseRepository: (x, _a, c) => repoSrc(c.s, x.pull.repo),
  headRepository: (x, _a, c) => repoSrc(c.s, x.pull.repo),
  statusCheckRollup: (x, _a, c) => rollupOf(c.s, commitSrc(c.s, x.pull.repo, x.pull.head.sha)),
  commits: (x, args, c) => connection(pullCommits(c.s, x.pull), page(args)),
  reviewRequests: (x, args) => connection([
    ...x.pull.requestedReviewers.map((user): ReviewRequestSrc => ({ __typename: 'ReviewRequest', pull: x.pull, user })),
    ...x.pull.requestedTeams.map((team): ReviewRequestSrc => ({ __typename: 'ReviewRequest', pull: x.pull, team })),
  ], page(args)),
  reviews: (x, args, c) => {
    const states = strs(args['states']);
    const author = typeof args['author'] === 'string' ? args['author'] : undefined;
    const list = reviewsOf(c.s, x.pull).filter((r) => states.length === 0 || states.includes(r.state)).filter((r) => !author || eq(r.user, author));
    return connection(list.map((review): ReviewSrc => ({ __typename: 'PullRequestReview', review })), page(args));
  },
  latestReviews: (x, args, c) => connection(latestPerUser(reviewsOf(c.s, x.pull).filter((r) => r.state !== 'PENDING'))
    .map((review): ReviewSrc => ({ __typename: 'PullRequestReview', review })), page(args)),
  latestOpinionatedReviews: (x, args, c) => connection(latestPerUser(reviewsOf(c.s, x.pull).filter((r) => r.state === 'APPROVED' || r.state === 'CHANGES_REQUESTED'))
    .map((review): ReviewSrc => ({ __typename: 'PullRequestReview', review })), page(args)),
  reviewDecision: (x, _a, c) => {
    const latest = latestPerUser(reviewsOf(c.s, x.pull).filter((r) => r.state === 'APPROVED' || r.state === 'CHANGES_REQUESTED'));
    if (latest.some((r) => r.state === 'CHANGES_REQUESTED')) return 'CHANGES_REQUESTED';
    return latest.some((r) => r.state === 'APPROVED') ? 'APPROVED' : 'REVIEW_REQUIRED';
  },
  headRef: (x, _a, c): RefSrc | null => {
    const repo = repoSrc(c.s, x.pull.repo).repo;
    return x.pull.state === 'open' ? { __typename: 'Ref', repo: { ...repo, branches: { ...repo.branches, [x.pull.head.ref]: x.pull.head.sha } }, name: x.pull.head.ref } : null;
  },
  baseRef: (x, _a, c): RefSrc => ({ __typename: 'Ref', repo: repoSrc(c.s, x.pull.repo).repo, name: x.pull.base.ref }),
};

const pullCommitFields: Fields<PullCommitSrc> = {
  id: (x) => nodeId('PURC', `${x.pull.pullId}:${x.commit.sha}`),
  commit: (x) => x.commit,
  pullRequest: (x): PullSrc => ({ __typename: 'PullRequest', pull: x.pull }),
  url: (x, _a, c) => `${c.web}/${x.pull.repo}/pull/${x.pull.number}/commits/${x.commit.sha}`,
  resourcePath: (x) => `/${x.pull.repo}/pull/${x.pull.number}/commits/${x.commit.sha}`,
};

const reviewRequestFields: Fields<ReviewRequestSrc> = {
  id: (x) => nodeId('RR', `${x.pull.pullId}:${x.user ?? x.team}`),
  asCodeOwner: () => false,
  databaseId: () => null,
  pullRequest: (x): PullSrc => ({ __typename: 'PullRequest', pull: x.pull }),
  requestedReviewer: (x, _a, c) => (x.team ? { __typename: 'Team', team: teamByKey(c.s, x.team) } : actor(c.s, x.user ?? '')),
};

const reviewFields: Fields<ReviewSrc> = {
  id: (r) => nodeId('PRR', r.review.id),
  databaseId: (r) => r.review.id,
  author: (r, _a, c) => actor(c.s, r.review.user),
  authorAssociation: (r, _a, c) => association({ scenario: c.s, api: '', web: c.web }, r.review.repo, r.review.user),
  body: (r) => r.review.body,
  bodyText: (r) => r.review.body,
  state: (r) => r.review.state,
  submittedAt: (r) => (r.review.state === 'PENDING' ? null : r.review.submittedAt),
  createdAt: (r) => r.review.submittedAt,
  updatedAt: (r) => r.review.submittedAt,
  publishedAt: (r) => (r.review.state === 'PENDING' ? null : r.review.submittedAt),
  lastEditedAt: () => null,
  url: (r, _a, c) => `${c.web}/${r.review.repo}/pull/${r.review.pull}#pullrequestreview-${r.review.id}`,
  resourcePath: (r) => `/${r.review.repo}/pull/${r.review.pull}#pullrequestreview-${r.review.id}`,
  commit: (r, _a, c) => commitSrc(c.s, r.review.repo, r.review.commitId),
  isMinimized: () => false,
  minimizedReason: () => null,
  authorCanPushToRepository: () => true,
  repository: (r, _a, c) => repoSrc(c.s, r.review.repo),
  pullRequest: (r, _a, c) => itemSrc(c.s.pulls.find((p) => p.repo === r.review.repo && p.number === r.review.pull)!),
};

const commentFields: Fields<CommentSrc> = {
  id: (x) => nodeId('IC', x.comment.id),
  databaseId: (x) => x.comment.id,
  author: (x, _a, c) => actor(c.s, x.comment.user),
  authorAssociation: (x, _a, c) => association({ scenario: c.s, api: '', web: c.web }, x.comment.repo, x.comment.user),
  body: (x) => x.comment.body,
  bodyText: (x) => x.comment.body,
  createdAt: (x) => x.comment.createdAt,
  updatedAt: (x) => x.comment.updatedAt,
  publishedAt: (x) => x.comment.createdAt,
  lastEditedAt: () => null,
  isMinimized: () => false,
  minimizedReason: () => null,
  url: (x, _a, c) => {
    const kind = c.s.pulls.some((p) => p.repo === x.comment.repo && p.number === x.comment.issue) ? 'pull' : 'issues';
    return `${c.web}/${x.comment.repo}/${kind}/${x.comment.issue}#issuecomment-${x.comment.id}`;
  },
  resourcePath: (x) => `/${x.comment.repo}/issues/${x.comment.issue}#issuecomment-${x.comment.id}`,
  repository: (x, _a, c) => repoSrc(c.s, x.comment.repo),
  issue: (x, _a, c) => {
    // On GitHub a PR comment's `issue` is the PR's issue; the scenario keeps one record per number.
    const item = findIssueOrPull(c.s, x.comment.repo, x.comment.issue)!;
    return { __typename: 'Issue', issue: item } as IssueSrc;
  },
  pullRequest: (x, _a, c) => {
    const p = c.s.pulls.find((y) => y.repo === x.comment.repo && y.number === x.comment.issue);
    return p ? itemSrc(p) : null;
  },
};

function eventItem(s: Scenario, e: ScenarioTimelineEvent): ItemSrc {
  return itemSrc(findIssueOrPull(s, e.repo, e.issue)!);
}

const eventFields: Fields<EventSrc> = {
  id: (x) => nodeId(x.__typename.replace(/[a-z]/g, ''), x.event.id),
  createdAt: (x) => x.event.createdAt,
  actor: (x, _a, c) => actor(c.s, x.event.actor),
  pullRequest: (x, _a, c) => eventItem(c.s, x.event),
  requestedReviewer: (x, _a, c) => (x.event.requestedTeam ? { __typename: 'Team', team: teamByKey(c.s, x.event.requestedTeam) }
    : x.event.requestedReviewer ? actor(c.s, x.event.requestedReviewer) : null),
  assignee: (x, _a, c) => (x.event.assignee ? actor(c.s, x.event.assignee) : null),
  user: (x, _a, c) => (x.event.assignee ? actor(c.s, x.event.assignee) : null),
  assignable: (x, _a, c) => eventItem(c.s, x.event),
  label: (x, _a, c) => labelSrc(c.s, x.event.repo, x.event.label ?? ''),
  labelable: (x, _a, c) => eventItem(c.s, x.event),
  closable: (x, _a, c) => eventItem(c.s, x.event),
  closer: () => null,
  stateReason: (x, _a, c) => {
    const item = eventItem(c.s, x.event);
    return item.__typename === 'Issue' ? item.issue.stateReason?.toUpperCase() ?? null : null;
  },
  url: (x, _a, c) => `${c.web}/${x.event.repo}/${eventItem(c.s, x.event).__typename === 'PullRequest' ? 'pull' : 'issues'}/${x.event.issue}#event-${x.event.id}`,
  resourcePath: (x, _a, c) => `/${x.event.repo}/${eventItem(c.s, x.event).__typename === 'PullRequest' ? 'pull' : 'issues'}/${x.event.issue}#event-${x.event.id}`,
};

// ---------- root fields ----------

function searchConnection(c: GqlContext, args: Args) {
  if (args['type'] !== 'ISSUE') throw new GraphQLError(`fake-github supports search(type: ISSUE) only, not ${String(args['type'])}`, { extensions: { type: 'UNSUPPORTED' } });
  let hits: (ScenarioIssue | ScenarioPull)[];
  try {
    hits = searchIssues(c.s, String(args['query'] ?? ''), null, null);
  } catch (e) {
    const body = (e as HttpError).body as { errors?: { message?: string }[]; message?: string } | undefined;
    if (!body) throw e;
    throw new GraphQLError(body.errors?.[0]?.message ?? String(body.message), { extensions: { type: 'INVALID_SEARCH_QUERY' } });
  }
  const conn = connection(hits.map(itemSrc), page(args), SEARCH_CAP);
  return {
    ...conn, edges: conn.edges.map((e) => ({ ...e, textMatches: [] })),
    issueCount: hits.length, codeCount: 0, discussionCount: 0, repositoryCount: 0, userCount: 0, wikiCount: 0,
  };
}

const queryFields: Fields<unknown> = {
  viewer: (_r, _a, c) => actor(c.s, c.s.me),
  user: (_r, args, c) => {
    const login = String(args['login']);
    const found = c.s.users.find((u) => eq(u.login, login));
    if (!found || found.type === 'Bot') throw notFound(`Could not resolve to a User with the login of '${login}'.`);
    return actor(c.s, found.login);
  },
  organization: (_r, args, c) => {
    const login = String(args['login']);
    if (!c.s.orgs.some((o) => eq(o.login, login))) throw notFound(`Could not resolve to an Organization with the login of '${login}'.`);
    return actor(c.s, c.s.orgs.find((o) => eq(o.login, login))!.login);
  },
  repositoryOwner: (_r, args, c) => {
    const login = String(args['login']);
    return c.s.orgs.some((o) => eq(o.login, login)) || c.s.users.some((u) => eq(u.login, login)) ? actor(c.s, login) : null;
  },
  repository: (_r, args, c): RepoSrc => {
    const repo = findRepo(c.s, String(args['owner']), String(args['name']));
    if (!repo) throw notFound(`Could not resolve to a Repository with the name '${String(args['owner'])}/${String(args['name'])}'.`);
    return { __typename: 'Repository', repo };
  },
  search: (_r, args, c) => searchConnection(c, args),
  rateLimit: (_r, _a, c) => c.rate,
  node: (_r, args, c) => nodeById(c.s, String(args['id'])),
  nodes: (_r, args, c) => {
    const ids = strs(args['ids']);
    if (ids.length > 100) throw new GraphQLError(`You may not provide more than 100 node ids; you provided ${ids.length}.`, { extensions: { type: 'ARGUMENT_LIMIT' } });
    return ids.map((id) => nodeById(c.s, id));
  },
};

export const typeResolvers: Record<string, Fields<never>> = {
  Query: queryFields,
  User: userFields,
  Bot: actorFields,
  Organization: orgFields,
  Team: teamFields,
  UserStatus: userStatusFields,
  Repository: repoFields,
  Ref: refFields,
  Milestone: milestoneFields,
  Label: labelFields,
  Commit: commitFields,
  StatusCheckRollup: rollupFields,
  CheckRun: checkRunFields,
  StatusContext: statusContextFields,
  Status: statusFields,
  Issue: { ...issueFields, ...teamIssueFields },
  PullRequest: { ...pullFields, ...teamPullFields },
  PullRequestCommit: pullCommitFields,
  ReviewRequest: reviewRequestFields,
  PullRequestReview: reviewFields,
  IssueComment: commentFields,
  ...Object.fromEntries(Object.values(GQL_EVENT).map((t) => [t, eventFields])),
  ...teamTypeResolvers,
};
