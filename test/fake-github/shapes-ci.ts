// GitHub-shaped check runs, commit statuses, Actions workflows and runs, and notification threads.
import {
  type ScenarioCheckRun, type ScenarioCommitStatus, type ScenarioNotification, type ScenarioWorkflow,
  type ScenarioWorkflowRun, findRepo,
} from './scenario';
import { type Shape, type ShapeContext, nodeId, repository, simpleUser } from './shapes-base';

const ACTIONS_APP_ID = 15368;

/** The GitHub Actions app that owns check runs created by workflows. */
function actionsApp(ctx: ShapeContext): Shape {
  return {
    id: ACTIONS_APP_ID,
    slug: 'github-actions',
    node_id: nodeId('A', ACTIONS_APP_ID),
    client_id: 'Iv1.fakefakefakefake',
    owner: simpleUser(ctx, 'github'),
    name: 'GitHub Actions',
    description: 'Automate your workflow from idea to production',
    external_url: 'https://help.github.com/en/actions',
    html_url: `${ctx.web}/apps/github-actions`,
    created_at: '2018-07-30T09:30:17Z',
    updated_at: '2024-04-10T20:33:16Z',
    permissions: { actions: 'write', checks: 'write', contents: 'write', metadata: 'read', pull_requests: 'write', statuses: 'write' },
    events: ['check_run', 'check_suite', 'pull_request', 'push', 'workflow_dispatch'],
  };
}

export function checkRun(ctx: ShapeContext, c: ScenarioCheckRun): Shape {
  const a = `${ctx.api}/repos/${c.repo}/check-runs/${c.id}`;
  const html = `${ctx.web}/${c.repo}/runs/${c.id}`;
  const summary = c.conclusion === 'failure' ? 'Process completed with exit code 1.' : null;
  return {
    id: c.id,
    head_sha: c.headSha,
    node_id: nodeId('CR', c.id),
    external_id: String(c.id),
    url: a,
    html_url: html,
    details_url: html,
    status: c.status,
    conclusion: c.conclusion,
    started_at: c.startedAt,
    completed_at: c.completedAt,
    output: { title: summary ? `${c.name} failed` : null, summary, text: null, annotations_count: summary ? 1 : 0, annotations_url: `${a}/annotations` },
    name: c.name,
    check_suite: { id: c.id + 500_000 },
    app: actionsApp(ctx),
    pull_requests: [],
  };
}

/** Combined status for a commit: failure beats pending beats success; none at all is pending. */
export function combinedStatus(ctx: ShapeContext, repo: string, sha: string, statuses: ScenarioCommitStatus[]): Shape {
  // GitHub keeps only the latest status per context in the combined view.
  const latest = new Map<string, ScenarioCommitStatus>();
  for (const st of [...statuses].sort((x, y) => x.createdAt.localeCompare(y.createdAt))) latest.set(st.context, st);
  const list = [...latest.values()];
  const state = list.length === 0 ? 'pending'
    : list.some((x) => x.state === 'failure' || x.state === 'error') ? 'failure'
      : list.some((x) => x.state === 'pending') ? 'pending' : 'success';
  return {
    state,
    statuses: list.map((st) => ({
      url: `${ctx.api}/repos/${repo}/statuses/${sha}`,
      avatar_url: 'https://avatars.githubusercontent.com/u/9919?v=4',
      id: st.id,
      node_id: nodeId('SC', st.id),
      state: st.state,
      description: st.description,
      target_url: `${ctx.web}/${repo}/commit/${sha}/checks`,
      context: st.context,
      created_at: st.createdAt,
      updated_at: st.createdAt,
    })),
    sha,
    total_count: list.length,
    repository: repository(ctx, repo),
    commit_url: `${ctx.api}/repos/${repo}/commits/${sha}`,
    url: `${ctx.api}/repos/${repo}/commits/${sha}/status`,
  };
}

export function workflow(ctx: ShapeContext, w: ScenarioWorkflow): Shape {
  return {
    id: w.id,
    node_id: nodeId('W', w.id),
    name: w.name,
    path: w.path,
    state: w.state,
    created_at: w.createdAt,
    updated_at: w.updatedAt,
    url: `${ctx.api}/repos/${w.repo}/actions/workflows/${w.id}`,
    html_url: `${ctx.web}/${w.repo}/blob/main/${w.path}`,
    badge_url: `${ctx.web}/${w.repo}/workflows/${encodeURIComponent(w.name)}/badge.svg`,
  };
}

export function workflowRun(ctx: ShapeContext, r: ScenarioWorkflowRun): Shape {
  const w = ctx.scenario.workflows.find((x) => x.id === r.workflowId);
  const a = `${ctx.api}/repos/${r.repo}/actions/runs/${r.id}`;
  const actor = simpleUser(ctx, r.actor);
  const commitAuthor = { name: r.actor, email: `${r.actor}@users.noreply.github.com` };
  const repo = repository(ctx, r.repo);
  // A fork's pull-request run: GitHub lists it under the base repo, with the fork as its head.
  const [headOwner, headName] = (r.headRepo ?? r.repo).split('/');
  const headRepoId = findRepo(ctx.scenario, headOwner ?? '', headName ?? '')?.id ?? 0;
  return {
    id: r.id,
    name: w?.name ?? 'CI',
    node_id: nodeId('WFR', r.id),
    check_suite_id: r.id + 500_000,
    check_suite_node_id: nodeId('CS', r.id + 500_000),
    head_branch: r.headBranch,
    head_sha: r.headSha,
    path: w?.path ?? '.github/workflows/ci.yml',
    display_title: `${w?.name ?? 'CI'} #${r.runNumber}`,
    run_number: r.runNumber,
    event: r.event,
    status: r.status,
    conclusion: r.conclusion,
    workflow_id: r.workflowId,
    url: a,
    html_url: `${ctx.web}/${r.repo}/actions/runs/${r.id}`,
    pull_requests: [],
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    actor,
    triggering_actor: actor,
    run_attempt: r.attempt ?? 1,
    referenced_workflows: [],
    run_started_at: r.runStartedAt,
    jobs_url: `${a}/jobs`,
    logs_url: `${a}/logs`,
    check_suite_url: `${ctx.api}/repos/${r.repo}/check-suites/${r.id + 500_000}`,
    artifacts_url: `${a}/artifacts`,
    cancel_url: `${a}/cancel`,
    rerun_url: `${a}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${ctx.api}/repos/${r.repo}/actions/workflows/${r.workflowId}`,
    head_commit: {
      id: r.headSha,
      tree_id: r.headSha.split('').reverse().join(''),
      message: `Merge pull request into ${r.headBranch}`,
      timestamp: r.createdAt,
      author: commitAuthor,
      committer: commitAuthor,
    },
    repository: repo,
    head_repository: r.headRepo ? repository(ctx, r.headRepo) : repo,
    head_repository_id: headRepoId,
  };
}

/** A notification thread; its subject URLs point at the API resource, as GitHub's do. */
export function notification(ctx: ShapeContext, n: ScenarioNotification): Shape {
  const base = `${ctx.api}/repos/${n.repo}`;
  // The spec types these URLs as strings, so every subject kind gets one; `number` doubles as the
  // id of a release or check suite.
  const id = n.subject.number ?? 1;
  const path: Record<ScenarioNotification['subject']['type'], string> = {
    PullRequest: `pulls/${id}`, Issue: `issues/${id}`, Release: `releases/${id}`, CheckSuite: `check-suites/${id}`,
    Discussion: `discussions/${id}`, Commit: `commits/${id}`,
  };
  const url = `${base}/${path[n.subject.type]}`;
  const latest = n.subject.latestCommentId !== undefined ? `${base}/issues/comments/${n.subject.latestCommentId}` : url;
  return {
    id: n.id,
    unread: n.unread,
    reason: n.reason,
    updated_at: n.updatedAt,
    last_read_at: n.lastReadAt,
    subject: { title: n.subject.title, url, latest_comment_url: latest, type: n.subject.type },
    repository: repository(ctx, n.repo),
    url: `${ctx.api}/notifications/threads/${n.id}`,
    subscription_url: `${ctx.api}/notifications/threads/${n.id}/subscription`,
  };
}
