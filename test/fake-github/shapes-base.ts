// GitHub-shaped users, orgs, teams, repos, labels, milestones and collaborators, rendered from
// scenario records. URLs point at the serving fake (`api`) and its web origin (`web`), the way
// GitHub Enterprise Server does, so every `url` a client follows lands back on the fake.
import {
  type Scenario, type ScenarioCollaborator, type ScenarioLabel, type ScenarioMilestone, type ScenarioRepo,
  type ScenarioTeam, type ScenarioUser, findRepo, fullName,
} from './scenario';

export interface ShapeContext {
  scenario: Scenario;
  /** API base URL without trailing slash, e.g. `http://127.0.0.1:4000` or `…/api/v3`. */
  api: string;
  /** Web base URL for `html_url`s, e.g. `http://127.0.0.1:4000` or `https://github.com`. */
  web: string;
}

export type Shape = Record<string, unknown>;

/** A context that renders github.com URLs; for unit tests that need shapes without a server. */
export function githubDotComContext(scenario: Scenario): ShapeContext {
  return { scenario, api: 'https://api.github.com', web: 'https://github.com' };
}

/** GitHub-style global node id (`PR_kwDO…`); opaque to clients, stable per (kind, id). */
export function nodeId(prefix: string, id: number | string): string {
  return `${prefix}_kwDO${Buffer.from(`fake:${id}`).toString('base64').replace(/=+$/, '')}`;
}

/** Time formatting for `updated_at` of records that do not track one. */
const EPOCH = '2020-01-01T00:00:00Z';

function userRecord(ctx: ShapeContext, login: string): ScenarioUser & { isOrg: boolean } {
  const user = ctx.scenario.users.find((u) => u.login.toLowerCase() === login.toLowerCase());
  if (user) return { ...user, isOrg: false };
  const org = ctx.scenario.orgs.find((o) => o.login.toLowerCase() === login.toLowerCase());
  if (org) return { login: org.login, id: org.id, name: org.name, isOrg: true };
  // Unknown logins still render (GitHub shows ghost users); a stable id keeps ETags stable.
  let id = 0;
  for (const ch of login) id = (id * 31 + ch.charCodeAt(0)) % 9_000_000;
  return { login, id: 10_000_000 + id, name: null, isOrg: false };
}

export function simpleUser(ctx: ShapeContext, login: string): Shape {
  const u = userRecord(ctx, login);
  // Bot logins (`dependabot[bot]`) are percent-encoded in URLs, as GitHub does.
  const path = encodeURIComponent(u.login);
  const a = `${ctx.api}/users/${path}`;
  return {
    login: u.login,
    id: u.id,
    node_id: nodeId(u.isOrg ? 'O' : 'U', u.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
    gravatar_id: '',
    url: a,
    html_url: `${ctx.web}/${path}`,
    followers_url: `${a}/followers`,
    following_url: `${a}/following{/other_user}`,
    gists_url: `${a}/gists{/gist_id}`,
    starred_url: `${a}/starred{/owner}{/repo}`,
    subscriptions_url: `${a}/subscriptions`,
    organizations_url: `${a}/orgs`,
    repos_url: `${a}/repos`,
    events_url: `${a}/events{/privacy}`,
    received_events_url: `${a}/received_events`,
    type: u.isOrg ? 'Organization' : (u.type ?? 'User'),
    user_view_type: 'public',
    site_admin: false,
  };
}

/** `GET /user` for the authenticated user ("private-user" in the spec). */
export function privateUser(ctx: ShapeContext, login: string): Shape {
  const u = userRecord(ctx, login);
  const created = u.createdAt ?? '2015-03-02T10:00:00Z';
  const mine = ctx.scenario.repos.filter((r) => r.owner === u.login);
  return {
    ...simpleUser(ctx, login),
    user_view_type: 'private',
    name: u.name,
    company: u.company ?? null,
    blog: '',
    location: null,
    email: u.email ?? null,
    notification_email: u.email ?? null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: mine.filter((r) => !r.private).length,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: created,
    updated_at: created,
    private_gists: 0,
    total_private_repos: mine.filter((r) => r.private).length,
    owned_private_repos: mine.filter((r) => r.private).length,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: 'pro', space: 976562499, private_repos: 9999, collaborators: 0 },
  };
}

export function organization(ctx: ShapeContext, login: string): Shape {
  const org = ctx.scenario.orgs.find((o) => o.login === login) ?? { login, id: userRecord(ctx, login).id, name: login };
  const a = `${ctx.api}/orgs/${org.login}`;
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId('O', org.id),
    url: a,
    repos_url: `${a}/repos`,
    events_url: `${a}/events`,
    hooks_url: `${a}/hooks`,
    issues_url: `${a}/issues`,
    members_url: `${a}/members{/member}`,
    public_members_url: `${a}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${org.id}?v=4`,
    description: null,
    name: org.name,
    is_verified: false,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: ctx.scenario.repos.filter((r) => r.owner === org.login && !r.private).length,
    public_gists: 0,
    followers: 0,
    following: 0,
    html_url: `${ctx.web}/${org.login}`,
    type: 'Organization',
    created_at: EPOCH,
    updated_at: EPOCH,
    archived_at: null,
  };
}

function teamRecord(ctx: ShapeContext, key: string): ScenarioTeam {
  const [org, slug] = key.split('/');
  const t = ctx.scenario.teams.find((x) => x.org === org && x.slug === slug);
  if (!t) throw new Error(`fake-github: unknown team ${key}`);
  return t;
}

/** A team as it appears in `requested_teams` ("team" in the spec). */
export function team(ctx: ShapeContext, key: string): Shape {
  const t = teamRecord(ctx, key);
  const a = `${ctx.api}/organizations/${ctx.scenario.orgs.find((o) => o.login === t.org)?.id ?? 0}/team/${t.id}`;
  return {
    id: t.id,
    node_id: nodeId('T', t.id),
    url: a,
    html_url: `${ctx.web}/orgs/${t.org}/teams/${t.slug}`,
    name: t.name,
    slug: t.slug,
    description: t.description ?? null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${a}/members{/member}`,
    repositories_url: `${a}/repos`,
    type: 'organization',
    organization_id: ctx.scenario.orgs.find((o) => o.login === t.org)?.id ?? 0,
    parent: null,
  };
}

/** A team from `GET /user/teams` ("team-full"). */
export function teamFull(ctx: ShapeContext, key: string): Shape {
  const t = teamRecord(ctx, key);
  const { parent: _parent, permission: _permission, ...base } = team(ctx, key);
  return {
    ...base,
    permission: 'pull',
    parent: null,
    members_count: t.members.length,
    repos_count: ctx.scenario.repos.filter((r) => r.owner === t.org).length,
    created_at: EPOCH,
    updated_at: EPOCH,
    organization: organization(ctx, t.org),
  };
}

function repoFor(ctx: ShapeContext, key: string): ScenarioRepo {
  const [owner, name] = key.split('/');
  const r = findRepo(ctx.scenario, owner ?? '', name ?? '');
  if (!r) throw new Error(`fake-github: unknown repo ${key}`);
  return r;
}

/** The full repository shape (`GET /repos/{o}/{r}`); also used where GitHub embeds a repo. */
export function repository(ctx: ShapeContext, key: string): Shape {
  const r = repoFor(ctx, key);
  const fn = fullName(r);
  const a = `${ctx.api}/repos/${fn}`;
  const host = new URL(ctx.web).host;
  const openIssues = [...ctx.scenario.issues, ...ctx.scenario.pulls].filter((i) => i.repo === fn && i.state === 'open').length;
  return {
    id: r.id,
    node_id: nodeId('R', r.id),
    name: r.name,
    full_name: fn,
    private: r.private,
    owner: simpleUser(ctx, r.owner),
    html_url: `${ctx.web}/${fn}`,
    description: r.description,
    fork: r.forkOf !== undefined,
    url: a,
    forks_url: `${a}/forks`,
    keys_url: `${a}/keys{/key_id}`,
    collaborators_url: `${a}/collaborators{/collaborator}`,
    teams_url: `${a}/teams`,
    hooks_url: `${a}/hooks`,
    issue_events_url: `${a}/issues/events{/number}`,
    events_url: `${a}/events`,
    assignees_url: `${a}/assignees{/user}`,
    branches_url: `${a}/branches{/branch}`,
    tags_url: `${a}/tags`,
    blobs_url: `${a}/git/blobs{/sha}`,
    git_tags_url: `${a}/git/tags{/sha}`,
    git_refs_url: `${a}/git/refs{/sha}`,
    trees_url: `${a}/git/trees{/sha}`,
    statuses_url: `${a}/statuses/{sha}`,
    languages_url: `${a}/languages`,
    stargazers_url: `${a}/stargazers`,
    contributors_url: `${a}/contributors`,
    subscribers_url: `${a}/subscribers`,
    subscription_url: `${a}/subscription`,
    commits_url: `${a}/commits{/sha}`,
    git_commits_url: `${a}/git/commits{/sha}`,
    comments_url: `${a}/comments{/number}`,
    issue_comment_url: `${a}/issues/comments{/number}`,
    contents_url: `${a}/contents/{+path}`,
    compare_url: `${a}/compare/{base}...{head}`,
    merges_url: `${a}/merges`,
    archive_url: `${a}/{archive_format}{/ref}`,
    downloads_url: `${a}/downloads`,
    issues_url: `${a}/issues{/number}`,
    pulls_url: `${a}/pulls{/number}`,
    milestones_url: `${a}/milestones{/number}`,
    notifications_url: `${a}/notifications{?since,all,participating}`,
    labels_url: `${a}/labels{/name}`,
    releases_url: `${a}/releases{/id}`,
    deployments_url: `${a}/deployments`,
    created_at: r.createdAt,
    updated_at: r.pushedAt,
    pushed_at: r.pushedAt,
    git_url: `git://${host}/${fn}.git`,
    ssh_url: `git@${host}:${fn}.git`,
    clone_url: `${ctx.web}/${fn}.git`,
    svn_url: `${ctx.web}/${fn}`,
    homepage: null,
    size: 1024,
    stargazers_count: 0,
    watchers_count: 0,
    language: r.language,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: openIssues,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: r.private ? 'private' : 'public',
    forks: 0,
    open_issues: openIssues,
    watchers: 0,
    default_branch: r.defaultBranch,
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
    network_count: 0,
    subscribers_count: r.collaborators.length,
  };
}

export function label(ctx: ShapeContext, repo: string, l: ScenarioLabel): Shape {
  return {
    id: l.id,
    node_id: nodeId('LA', l.id),
    url: `${ctx.api}/repos/${repo}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    default: false,
    description: l.description ?? null,
  };
}

/** Labels by name as an issue shows them; names missing from the repo are rendered anyway. */
export function labelsByName(ctx: ShapeContext, repo: string, names: string[]): Shape[] {
  const r = repoFor(ctx, repo);
  return names.map((n) => label(ctx, repo, r.labels.find((l) => l.name === n) ?? { id: 0, name: n, color: 'ededed' }));
}

export function milestone(ctx: ShapeContext, m: ScenarioMilestone): Shape {
  const items = [...ctx.scenario.issues, ...ctx.scenario.pulls].filter((i) => i.repo === m.repo && i.milestone === m.number);
  const a = `${ctx.api}/repos/${m.repo}/milestones/${m.number}`;
  return {
    url: a,
    html_url: `${ctx.web}/${m.repo}/milestone/${m.number}`,
    labels_url: `${a}/labels`,
    id: m.id,
    node_id: nodeId('MI', m.id),
    number: m.number,
    state: m.state,
    title: m.title,
    description: m.description,
    creator: simpleUser(ctx, m.creator),
    open_issues: m.openIssues ?? items.filter((i) => i.state === 'open').length,
    closed_issues: m.closedIssues ?? items.filter((i) => i.state === 'closed').length,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
    closed_at: m.closedAt,
    due_on: m.dueOn,
  };
}

export function milestoneByNumber(ctx: ShapeContext, repo: string, num: number | null): Shape | null {
  if (num === null) return null;
  const m = ctx.scenario.milestones.find((x) => x.repo === repo && x.number === num);
  return m ? milestone(ctx, m) : null;
}

const PERMISSIONS: Record<ScenarioCollaborator['permission'], string[]> = {
  admin: ['admin', 'maintain', 'push', 'triage', 'pull'],
  maintain: ['maintain', 'push', 'triage', 'pull'],
  write: ['push', 'triage', 'pull'],
  triage: ['triage', 'pull'],
  read: ['pull'],
};

export function collaborator(ctx: ShapeContext, c: ScenarioCollaborator): Shape {
  const granted = PERMISSIONS[c.permission];
  const u = userRecord(ctx, c.login);
  return {
    ...simpleUser(ctx, c.login),
    name: u.name,
    email: u.email ?? null,
    permissions: Object.fromEntries(['admin', 'maintain', 'push', 'triage', 'pull'].map((p) => [p, granted.includes(p)])),
    role_name: c.permission,
  };
}
