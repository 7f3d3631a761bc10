// Ready-made worlds: the demo team (a lead's realistic morning) and a big one for benchmarks.
import {
  type NotificationReason, type RunConclusion, type Scenario, type ScenarioLabel, type ScenarioNotification, type ScenarioPull,
  type ScenarioRepo, addIssue, addPull, closeItem, emptyScenario, fakeSha, iso, nextId, requestReview,
} from './scenario';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** `n` weekdays before `now`, same time of day: review waits are judged in business time. */
export function businessDaysBefore(now: Date, n: number): Date {
  const d = new Date(now.getTime());
  let left = n;
  while (left > 0) {
    d.setTime(d.getTime() - DAY);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left -= 1;
  }
  return d;
}

const LABELS: Omit<ScenarioLabel, 'id'>[] = [
  { name: 'bug', color: 'd73a4a', description: "Something isn't working" },
  { name: 'enhancement', color: 'a2eeef', description: 'New feature or request' },
  { name: 'incident', color: 'b60205', description: 'Production incident' },
  { name: 'sev1', color: 'b60205', description: 'Severity 1: customer-facing outage' },
  { name: 'sev2', color: 'd93f0b', description: 'Severity 2: degraded service' },
  { name: 'sev3', color: 'fbca04', description: 'Severity 3: minor impact' },
  { name: 'documentation', color: '0075ca', description: 'Improvements or additions to documentation' },
  { name: 'dependencies', color: '0366d6', description: 'Pull requests that update a dependency file' },
  { name: 'good first issue', color: '7057ff', description: 'Good for newcomers' },
];

function addRepo(s: Scenario, owner: string, name: string, extra: Partial<ScenarioRepo>, collaborators: string[], created: Date): ScenarioRepo {
  const defaultBranch = extra.defaultBranch ?? 'main';
  const repo: ScenarioRepo = {
    id: nextId(s), owner, name, private: true, description: null, language: 'TypeScript', defaultBranch,
    branches: { [defaultBranch]: fakeSha(`${owner}/${name}:${defaultBranch}`) },
    collaborators: collaborators.map((login, i) => ({ login, permission: i === 0 ? 'admin' : 'write' })),
    labels: LABELS.map((l) => ({ ...l, id: nextId(s) })),
    createdAt: iso(created), pushedAt: iso(created),
    ...extra,
  };
  s.repos.push(repo);
  return repo;
}

/** A run of `workflowId` on `branch` finishing with `conclusion` (null: still running). */
function addRun(s: Scenario, repo: ScenarioRepo, workflowId: number, branch: string, at: Date, conclusion: RunConclusion | null, sha?: string): void {
  const runNumber = s.runs.filter((r) => r.workflowId === workflowId).length + 1;
  const headSha = sha ?? fakeSha(`${repo.name}:${branch}:${runNumber}`);
  s.runs.push({
    id: nextId(s), repo: `${repo.owner}/${repo.name}`, workflowId, runNumber, event: 'push', headBranch: branch, headSha,
    status: conclusion === null ? 'in_progress' : 'completed', conclusion, actor: 'lead',
    createdAt: iso(at), runStartedAt: iso(new Date(at.getTime() + 5_000)), updatedAt: iso(new Date(at.getTime() + 6 * 60_000)),
  });
}

/** Check runs on a commit: `build` with the given conclusion, `lint` passing. */
function addChecks(s: Scenario, repo: string, sha: string, at: Date, conclusion: RunConclusion | null): void {
  for (const [name, c] of [['build', conclusion], ['lint', 'success']] as const) {
    s.checkRuns.push({
      id: nextId(s), repo, headSha: sha, name, status: c === null ? 'in_progress' : 'completed', conclusion: c,
      startedAt: iso(at), completedAt: c === null ? null : iso(new Date(at.getTime() + 4 * 60_000)),
    });
  }
}

/**
 * The demo team, relative to `now`: the lead (`lead`) of acme/platform with six teammates,
 * three repos, a review queue with SLA breaches, delegated issues, incidents, a red main
 * branch in acme/api for two days, an at-risk milestone and a dozen notifications.
 */
export function demoScenario(now: Date): Scenario {
  const s = emptyScenario('lead');
  const ago = (h: number): Date => new Date(now.getTime() - h * HOUR);
  const bdays = (n: number): Date => businessDaysBefore(now, n);
  s.users = [
    { login: 'lead', id: 101, name: 'Alex Morgan', email: 'alex@acme.example', company: 'Acme' },
    { login: 'mira', id: 102, name: 'Mira Patel' },
    { login: 'tomas', id: 103, name: 'Tomás Novák' },
    { login: 'jun', id: 104, name: 'Jun Park' },
    { login: 'sofia', id: 105, name: 'Sofia Rossi' },
    { login: 'kwame', id: 106, name: 'Kwame Mensah' },
    { login: 'elena', id: 107, name: 'Elena Petrova' },
    { login: 'dependabot[bot]', id: 49699333, name: null, type: 'Bot' },
  ];
  s.orgs = [{ login: 'acme', id: 9001, name: 'Acme Inc.' }];
  s.teams = [
    { id: 501, org: 'acme', slug: 'platform', name: 'Platform', description: 'API and infrastructure', members: ['lead', 'mira', 'tomas', 'jun'] },
    { id: 502, org: 'acme', slug: 'frontend', name: 'Frontend', description: 'Web app', members: ['sofia', 'kwame', 'elena'] },
    { id: 503, org: 'acme', slug: 'sre', name: 'SRE', description: 'On-call rotation', members: ['lead', 'kwame', 'elena'] },
  ];
  const team = ['lead', 'mira', 'tomas', 'jun', 'sofia', 'kwame', 'elena'];
  const created = new Date(now.getTime() - 400 * DAY);
  const api = addRepo(s, 'acme', 'api', { description: 'Public REST API and billing', pushedAt: iso(ago(2)) }, team, created);
  const web = addRepo(s, 'acme', 'web', { description: 'Customer web app', defaultBranch: 'develop', pushedAt: iso(ago(5)) }, team, created);
  web.branches = { develop: fakeSha('acme/web:develop') };
  const infra = addRepo(s, 'acme', 'infra', { description: 'Terraform and deploy tooling', language: 'HCL', pushedAt: iso(ago(30)) }, team, created);

  // Milestones: v2.4 is at risk (14 open, 3 days left); the others are on track.
  const ms = (repo: string, number: number, title: string, dueInDays: number | null, open: number, closed: number, state: 'open' | 'closed' = 'open') => {
    s.milestones.push({
      id: nextId(s), repo, number, title, description: `${title} scope`, state, creator: 'lead',
      dueOn: dueInDays === null ? null : iso(new Date(now.getTime() + dueInDays * DAY)),
      createdAt: iso(ago(60 * 24)), updatedAt: iso(ago(24)), closedAt: state === 'closed' ? iso(ago(20 * 24)) : null,
      openIssues: open, closedIssues: closed,
    });
  };
  ms('acme/api', 3, 'v2.4 Release', 3, 14, 6);
  ms('acme/web', 7, 'Checkout redesign', 20, 5, 15);
  ms('acme/infra', 2, 'Q3 Hardening', 45, 3, 2);
  ms('acme/api', 2, 'v2.3 Release', -30, 0, 18, 'closed');

  // --- Pull requests waiting for the lead's review (direct or via acme/platform, acme/sre) ---
  type Pr = [repo: ScenarioRepo, title: string, author: string, via: string | null, requested: Date, size: [number, number, number], ci: RunConclusion | null, draft?: boolean];
  const queue: Pr[] = [
    [api, 'Add idempotency keys to payment retries', 'mira', null, bdays(4), [420, 80, 12], 'success'],
    [api, 'Bump undici from 5.28.4 to 6.21.0', 'dependabot[bot]', 'acme/platform', bdays(3), [12, 10, 2], 'failure'],
    [api, 'Rate-limit the public search endpoint', 'tomas', null, ago(5), [180, 20, 6], null],
    [api, 'WIP: GraphQL gateway spike', 'jun', null, bdays(1), [1600, 40, 38], 'success', true],
    [web, 'Fix focus trap in checkout modal', 'sofia', null, ago(2), [35, 8, 3], 'success'],
    [web, 'Migrate settings page to React Query', 'kwame', 'acme/platform', bdays(6), [880, 610, 27], 'success'],
    [infra, 'Terraform: move Redis to managed ElastiCache', 'kwame', null, bdays(2), [240, 190, 9], 'failure'],
    [infra, 'Rotate staging TLS certificates', 'elena', 'acme/sre', ago(0.5), [14, 14, 1], 'success'],
  ];
  const pulls: ScenarioPull[] = [];
  for (const [repo, title, author, via, requested, [additions, deletions, changedFiles], ci, draft] of queue) {
    const full = `${repo.owner}/${repo.name}`;
    const openedAt = new Date(requested.getTime() - 20 * 60_000);
    const p = addPull(s, {
      repo: full, title, author, draft: draft ?? false, additions, deletions, changedFiles, commits: Math.max(1, Math.round(changedFiles / 3)),
      body: `${title}.\n\nCloses nothing yet; see the design doc.`, createdAt: iso(openedAt), updatedAt: iso(requested),
      labels: author === 'dependabot[bot]' ? ['dependencies'] : [],
    }, now);
    requestReview(s, p, via ? { team: via } : { user: 'lead' }, requested);
    addChecks(s, full, p.head.sha, requested, ci);
    pulls.push(p);
  }
  // Someone else's review request, and one the lead already finished (request removed by review).
  const notMine = addPull(s, { repo: 'acme/api', title: 'Extract billing client into its own package', author: 'jun', createdAt: iso(ago(30)), updatedAt: iso(ago(29)), additions: 310, deletions: 280, changedFiles: 14 }, now);
  requestReview(s, notMine, { user: 'tomas' }, ago(29));
  const reviewed = addPull(s, { repo: 'acme/api', title: 'Cache exchange rates for 5 minutes', author: 'tomas', createdAt: iso(ago(50)), updatedAt: iso(ago(20)), additions: 60, deletions: 4, changedFiles: 2 }, now);
  s.reviews.push({ id: nextId(s), repo: 'acme/api', pull: reviewed.number, user: 'lead', state: 'APPROVED', body: 'LGTM, ship it.', commitId: reviewed.head.sha, submittedAt: iso(ago(20)) });
  s.reviews.push({ id: nextId(s), repo: 'acme/api', pull: pulls[0]!.number, user: 'tomas', state: 'CHANGES_REQUESTED', body: 'The retry window needs a ceiling.', commitId: pulls[0]!.head.sha, submittedAt: iso(bdays(2)) });

  // --- The lead's own PRs, waiting on others ---
  const cors = addPull(s, { repo: 'acme/api', title: 'Tighten CORS policy for admin routes', author: 'lead', createdAt: iso(bdays(2)), updatedAt: iso(ago(6)), additions: 95, deletions: 30, changedFiles: 4 }, now);
  requestReview(s, cors, { user: 'mira' }, bdays(2));
  requestReview(s, cors, { user: 'tomas' }, bdays(2));
  s.reviews.push({ id: nextId(s), repo: 'acme/api', pull: cors.number, user: 'mira', state: 'COMMENTED', body: 'One question inline.', commitId: cors.head.sha, submittedAt: iso(ago(6)) });
  const ts = addPull(s, { repo: 'acme/web', title: 'Upgrade to TypeScript 5.9', author: 'lead', createdAt: iso(ago(4)), updatedAt: iso(ago(4)), additions: 48, deletions: 31, changedFiles: 11 }, now);
  requestReview(s, ts, { team: 'acme/frontend' }, ago(4));
  const runbook = addPull(s, { repo: 'acme/infra', title: 'Add on-call runbook links to alerts', author: 'lead', createdAt: iso(ago(28)), updatedAt: iso(ago(3)), additions: 70, deletions: 2, changedFiles: 5 }, now);
  s.reviews.push({ id: nextId(s), repo: 'acme/infra', pull: runbook.number, user: 'kwame', state: 'APPROVED', body: '', commitId: runbook.head.sha, submittedAt: iso(ago(3)) });
  for (const p of [cors, ts, runbook, notMine, reviewed]) addChecks(s, p.repo, p.head.sha, new Date(p.createdAt), 'success');

  // --- Issues the lead delegated, incidents, and one assigned to the lead ---
  const issue = (repo: string, title: string, author: string, assignees: string[], labels: string[], hoursAgo: number, milestone: number | null = null) =>
    addIssue(s, { repo, title, author, assignees, labels, milestone, body: `${title}.`, createdAt: iso(ago(hoursAgo)), updatedAt: iso(ago(hoursAgo / 2)) }, now);
  issue('acme/api', 'Write migration plan for the orders table', 'lead', ['mira'], ['enhancement'], 6 * 24, 3);
  const latency = issue('acme/api', 'Investigate p99 latency regression in /search', 'lead', ['tomas'], ['bug'], 3 * 24, 3);
  issue('acme/web', 'Audit keyboard accessibility of the navigation', 'lead', ['sofia'], ['enhancement'], 10 * 24, 7);
  issue('acme/infra', 'Document disaster-recovery drill results', 'lead', ['elena'], ['documentation'], 14 * 24, 2);
  issue('acme/api', 'Decide on a feature-flag vendor', 'lead', [], [], 2 * 24);
  issue('acme/web', 'Review the Q3 hiring loop questions', 'sofia', ['lead'], [], 26);
  const eu = issue('acme/api', 'Checkout API returns 502 for EU customers', 'kwame', [], ['incident', 'sev1'], 3);
  issue('acme/infra', 'Disk usage above 85% on db-replica-2', 'elena', ['kwame'], ['incident', 'sev2'], 26);
  const safari = issue('acme/web', 'Safari users see a blank dashboard after login', 'elena', [], ['bug', 'sev2'], 50);
  issue('acme/api', 'Flaky retries in the webhook dispatcher', 'jun', ['jun'], ['bug', 'sev3'], 5 * 24);
  const old = issue('acme/infra', 'Primary database failover did not trigger', 'kwame', ['kwame'], ['incident', 'sev1'], 9 * 24);
  old.state = 'closed';
  old.stateReason = 'completed';
  old.closedAt = iso(ago(7 * 24));

  const comment = (repo: string, num: number, user: string, body: string, at: Date) => {
    const id = nextId(s);
    s.comments.push({ id, repo, issue: num, user, body, createdAt: iso(at), updatedAt: iso(at) });
    return id;
  };
  const corsComment = comment('acme/api', cors.number, 'mira', 'Should the preflight cache stay at 10 minutes?', ago(6));
  const safariComment = comment('acme/web', safari.number, 'elena', '@lead this blocks Thursday\'s release — can we get someone on it?', ago(20));
  comment('acme/api', latency.number, 'tomas', 'Bisected to the new tokenizer; profiling now.', ago(30));
  const euComment = comment('acme/api', eu.number, 'kwame', 'Rolling back the edge config; @acme/platform please stand by.', ago(2));

  // --- Actions: acme/api main is red for two days; web and infra are green ---
  const wf = (repo: ScenarioRepo, name: string, file: string) => {
    const id = nextId(s);
    s.workflows.push({ id, repo: `${repo.owner}/${repo.name}`, name, path: `.github/workflows/${file}`, state: 'active', createdAt: iso(created), updatedAt: iso(created) });
    return id;
  };
  const apiCi = wf(api, 'CI', 'ci.yml');
  const apiDeploy = wf(api, 'Deploy', 'deploy.yml');
  const webCi = wf(web, 'CI', 'ci.yml');
  const infraCi = wf(infra, 'Terraform plan', 'plan.yml');
  addRun(s, api, apiCi, 'main', ago(75), 'success');
  addRun(s, api, apiCi, 'main', ago(48), 'failure');
  addRun(s, api, apiCi, 'main', ago(20), 'failure');
  addRun(s, api, apiCi, 'main', ago(2), 'failure', api.branches['main']);
  addRun(s, api, apiDeploy, 'main', ago(76), 'success');
  addRun(s, api, apiCi, pulls[0]!.head.ref, ago(30), 'success', pulls[0]!.head.sha);
  addRun(s, web, webCi, 'develop', ago(30), 'failure');
  addRun(s, web, webCi, 'develop', ago(5), 'success', web.branches['develop']);
  addRun(s, infra, infraCi, 'main', ago(30), 'success', infra.branches['main']);
  addChecks(s, 'acme/api', api.branches['main']!, ago(2), 'failure');
  addChecks(s, 'acme/web', web.branches['develop']!, ago(5), 'success');
  addChecks(s, 'acme/infra', infra.branches['main']!, ago(30), 'success');
  s.statuses.push({ id: nextId(s), repo: 'acme/api', sha: api.branches['main']!, context: 'codecov/project', state: 'success', description: '84.10% (+0.02%) compared to 1f3e2d1', createdAt: iso(ago(2)) });

  // --- Notifications (three already read) ---
  const note = (repo: string, reason: NotificationReason, title: string, type: ScenarioNotification['subject']['type'], hoursAgo: number, number?: number, latestCommentId?: number, unread = true) => {
    const subject: ScenarioNotification['subject'] = { title, type };
    if (number !== undefined) subject.number = number;
    if (latestCommentId !== undefined) subject.latestCommentId = latestCommentId;
    s.notifications.push({ id: String(nextId(s) * 1000 + 7), repo, reason, unread, updatedAt: iso(ago(hoursAgo)), lastReadAt: unread ? null : iso(ago(hoursAgo / 2)), subject });
  };
  note('acme/api', 'review_requested', pulls[0]!.title, 'PullRequest', 4 * 24, pulls[0]!.number);
  note('acme/api', 'review_requested', pulls[2]!.title, 'PullRequest', 5, pulls[2]!.number);
  note('acme/web', 'review_requested', pulls[4]!.title, 'PullRequest', 2, pulls[4]!.number);
  note('acme/infra', 'review_requested', pulls[6]!.title, 'PullRequest', 2 * 24, pulls[6]!.number);
  note('acme/api', 'team_mention', eu.title, 'Issue', 2, eu.number, euComment);
  note('acme/web', 'mention', safari.title, 'Issue', 20, safari.number, safariComment);
  note('acme/api', 'author', cors.title, 'PullRequest', 6, cors.number, corsComment);
  const redRun = s.runs.filter((r) => r.workflowId === apiCi && r.headBranch === 'main').at(-1)!;
  note('acme/api', 'ci_activity', 'CI workflow run failed for main branch', 'CheckSuite', 2, redRun.id + 500_000);
  note('acme/web', 'assign', 'Review the Q3 hiring loop questions', 'Issue', 26, s.issues.find((i) => i.assignees.includes('lead'))?.number);
  note('acme/infra', 'state_change', runbook.title, 'PullRequest', 3, runbook.number);
  note('acme/api', 'subscribed', 'v2.3.1', 'Release', 3 * 24, 4242, undefined, false);
  note('acme/api', 'comment', latency.title, 'Issue', 30, latency.number, undefined, false);
  const flaky = addPull(s, { repo: 'acme/web', title: 'Fix flaky visual regression tests', author: 'sofia', createdAt: iso(ago(6 * 24)), updatedAt: iso(ago(5 * 24)) }, now);
  closeItem(flaky, ago(5 * 24), true);
  note('acme/web', 'review_requested', flaky.title, 'PullRequest', 5 * 24, flaky.number, undefined, false);
  return s;
}

export interface BigScenarioOptions {
  repos?: number;
  pulls?: number;
  now?: Date;
}

/** A large world for benchmarks: `repos` repos, `pulls` open PRs awaiting the lead (half via team). */
export function bigScenario(opts: BigScenarioOptions = {}): Scenario {
  const repoCount = opts.repos ?? 50;
  const pullCount = opts.pulls ?? 500;
  const now = opts.now ?? new Date();
  const s = emptyScenario('lead');
  const members = Array.from({ length: 20 }, (_, i) => `dev${String(i + 1).padStart(2, '0')}`);
  s.users = [{ login: 'lead', id: 1, name: 'Big Lead' }, ...members.map((login, i) => ({ login, id: 100 + i, name: `Developer ${i + 1}` }))];
  s.orgs = [{ login: 'bigco', id: 7000, name: 'BigCo' }];
  s.teams = [{ id: 7001, org: 'bigco', slug: 'reviewers', name: 'Reviewers', members: ['lead', ...members.slice(0, 5)] }];
  const created = new Date(now.getTime() - 365 * DAY);
  const repos = Array.from({ length: repoCount }, (_, i) => addRepo(s, 'bigco', `service-${String(i + 1).padStart(3, '0')}`, {}, ['lead', ...members], created));
  for (const repo of repos) {
    const id = nextId(s);
    s.workflows.push({ id, repo: `bigco/${repo.name}`, name: 'CI', path: '.github/workflows/ci.yml', state: 'active', createdAt: iso(created), updatedAt: iso(created) });
    addRun(s, repo, id, 'main', new Date(now.getTime() - HOUR), repo.id % 7 === 0 ? 'failure' : 'success', repo.branches['main']);
  }
  for (let i = 0; i < pullCount; i++) {
    const repo = repos[i % repoCount]!;
    const at = new Date(now.getTime() - (i + 1) * 37 * 60_000);
    const p = addPull(s, {
      repo: `bigco/${repo.name}`, title: `Change ${i + 1}: refactor module ${i % 13}`, author: members[i % members.length]!,
      createdAt: iso(at), updatedAt: iso(at), additions: (i * 37) % 900 + 1, deletions: (i * 11) % 300, changedFiles: (i % 20) + 1, draft: i % 17 === 0,
    }, now);
    requestReview(s, p, i % 2 === 0 ? { user: 'lead' } : { team: 'bigco/reviewers' }, at);
  }
  return s;
}

/**
 * The demo scenario watched over `repos` repositories (the demo's three, then `acme/svc-NN`):
 * each added repo has a CI workflow with a run on main (every third red), one `sev2` incident and
 * an open milestone with a due date. For the Morning Review benchmark.
 */
export function reviewScenario(repos = 10, now = new Date()): Scenario {
  const s = demoScenario(now);
  const created = new Date(now.getTime() - 400 * DAY);
  for (let i = 1; i <= repos - 3; i++) {
    const name = `svc-${String(i).padStart(2, '0')}`;
    const repo = addRepo(s, 'acme', name, { description: `Service ${i}`, pushedAt: iso(new Date(now.getTime() - i * HOUR)) }, ['lead', 'mira', 'tomas', 'jun'], created);
    const id = nextId(s);
    s.workflows.push({ id, repo: `acme/${name}`, name: 'CI', path: '.github/workflows/ci.yml', state: 'active', createdAt: iso(created), updatedAt: iso(created) });
    addRun(s, repo, id, 'main', new Date(now.getTime() - 2 * HOUR), 'success');
    addRun(s, repo, id, 'main', new Date(now.getTime() - i * 60_000), i % 3 === 0 ? 'failure' : 'success', repo.branches['main']);
    addIssue(s, { repo: `acme/${name}`, title: `Error rate up on service ${i}`, author: 'mira', labels: ['sev2'] }, now);
    s.milestones.push({
      id: nextId(s), repo: `acme/${name}`, number: 1, title: `svc-${i} v1`, description: null, state: 'open', creator: 'lead',
      dueOn: iso(new Date(now.getTime() + (5 + i) * DAY)), createdAt: iso(new Date(now.getTime() - 30 * DAY)), updatedAt: iso(now), closedAt: null,
      openIssues: 4, closedIssues: 6,
    });
  }
  return s;
}
