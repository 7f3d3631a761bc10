// What the resolvers pass around: scenario records tagged with their GraphQL `__typename`
// (graphql-js's default type resolver reads it for unions and interfaces), plus node ids.
import { GraphQLError } from 'graphql';
import {
  type Scenario, type ScenarioCheckRun, type ScenarioComment, type ScenarioCommitStatus, type ScenarioIssue, type ScenarioLabel,
  type ScenarioMilestone, type ScenarioPull, type ScenarioRepo, type ScenarioReview, type ScenarioTeam, type ScenarioTimelineEvent,
  type UserStatus, findRepo, fullName,
} from '../scenario';
import { nodeId } from '../shapes-base';

export interface GqlContext {
  s: Scenario;
  /** Base of html URLs (`url` fields), as the REST routes' `html_url`. */
  web: string;
  now: Date;
  rate: { cost: number; nodeCount: number; limit: number; remaining: number; used: number; resetAt: string };
}

export type Args = Record<string, unknown>;

export interface ActorSrc { __typename: 'User' | 'Bot' | 'Organization'; login: string }
export interface TeamSrc { __typename: 'Team'; team: ScenarioTeam }
export interface RepoSrc { __typename: 'Repository'; repo: ScenarioRepo }
export interface PullSrc { __typename: 'PullRequest'; pull: ScenarioPull }
export interface IssueSrc { __typename: 'Issue'; issue: ScenarioIssue }
export interface MilestoneSrc { __typename: 'Milestone'; m: ScenarioMilestone }
export interface LabelSrc { __typename: 'Label'; repo: string; label: ScenarioLabel }
export interface CommitSrc { __typename: 'Commit'; repo: string; sha: string; date: string; message: string }
export interface RefSrc { __typename: 'Ref'; repo: ScenarioRepo; name: string }
export interface ReviewSrc { __typename: 'PullRequestReview'; review: ScenarioReview }
export interface CommentSrc { __typename: 'IssueComment'; comment: ScenarioComment }
export interface EventSrc { __typename: string; event: ScenarioTimelineEvent }
export interface ReviewRequestSrc { __typename: 'ReviewRequest'; pull: ScenarioPull; user?: string; team?: string }
export interface RollupSrc { __typename: 'StatusCheckRollup'; commit: CommitSrc; checks: ScenarioCheckRun[]; statuses: ScenarioCommitStatus[] }
export interface StatusSrc { __typename: 'Status'; commit: CommitSrc; statuses: ScenarioCommitStatus[] }
export interface CheckRunSrc { __typename: 'CheckRun'; run: ScenarioCheckRun }
export interface StatusContextSrc { __typename: 'StatusContext'; status: ScenarioCommitStatus }
export interface PullCommitSrc { __typename: 'PullRequestCommit'; pull: ScenarioPull; commit: CommitSrc }
export interface UserStatusSrc { __typename: 'UserStatus'; login: string; status: UserStatus }

export type ItemSrc = PullSrc | IssueSrc;

/** GitHub's GraphQL error for a lookup that finds nothing (the field resolves to null). */
export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type: 'NOT_FOUND' } });
}

export function actor(s: Scenario, login: string): ActorSrc {
  const l = login.toLowerCase();
  if (s.orgs.some((o) => o.login.toLowerCase() === l)) return { __typename: 'Organization', login };
  const u = s.users.find((x) => x.login.toLowerCase() === l);
  // GraphQL names apps without REST's `[bot]` suffix: REST `dependabot[bot]` is Bot `dependabot`.
  if (u?.type === 'Bot' || login.endsWith('[bot]')) return { __typename: 'Bot', login: login.replace(/\[bot\]$/, '') };
  return { __typename: 'User', login: u?.login ?? login };
}

/** The scenario login behind an actor (a bot's REST login carries `[bot]`). */
export function scenarioLogin(s: Scenario, a: ActorSrc): string {
  if (a.__typename !== 'Bot') return a.login;
  return s.users.find((u) => u.login === `${a.login}[bot]` || u.login === a.login)?.login ?? `${a.login}[bot]`;
}

/** Stable numeric id for a login the scenario does not list, the same as the REST shapes use. */
export function userDbId(s: Scenario, login: string): number {
  const u = s.users.find((x) => x.login.toLowerCase() === login.toLowerCase()) ?? s.orgs.find((o) => o.login.toLowerCase() === login.toLowerCase());
  if (u) return u.id;
  let id = 0;
  for (const ch of login) id = (id * 31 + ch.charCodeAt(0)) % 9_000_000;
  return 10_000_000 + id;
}

export function teamByKey(s: Scenario, key: string): ScenarioTeam {
  const [org, slug] = key.split('/');
  const t = s.teams.find((x) => x.org === org && x.slug === slug);
  if (!t) throw new Error(`fake-github: unknown team ${key}`);
  return t;
}

export function repoSrc(s: Scenario, key: string): RepoSrc {
  const [owner, name] = key.split('/');
  const repo = findRepo(s, owner ?? '', name ?? '');
  if (!repo) throw new Error(`fake-github: unknown repo ${key}`);
  return { __typename: 'Repository', repo };
}

export function itemSrc(item: ScenarioIssue | ScenarioPull): ItemSrc {
  return 'pullId' in item ? { __typename: 'PullRequest', pull: item } : { __typename: 'Issue', issue: item };
}

export function itemOf(src: ItemSrc): ScenarioIssue {
  return src.__typename === 'PullRequest' ? src.pull : src.issue;
}

export function labelSrc(s: Scenario, repo: string, name: string): LabelSrc {
  const r = repoSrc(s, repo).repo;
  const label = r.labels.find((l) => l.name.toLowerCase() === name.toLowerCase()) ?? { id: 0, name, color: 'ededed' };
  return { __typename: 'Label', repo, label };
}

/**
 * A commit the scenario knows by sha: a branch head (dated when the repo was last pushed) or a PR
 * head (dated when the PR was opened; the scenario has no commit dates of its own).
 */
export function commitSrc(s: Scenario, repo: string, sha: string): CommitSrc {
  const pull = s.pulls.find((p) => p.repo === repo && p.head.sha === sha);
  if (pull) return { __typename: 'Commit', repo, sha, date: pull.commitDates?.at(-1) ?? pull.createdAt, message: pull.title };
  const r = repoSrc(s, repo).repo;
  const branch = Object.entries(r.branches).find(([, v]) => v === sha)?.[0];
  return { __typename: 'Commit', repo, sha, date: r.pushedAt, message: branch ? `Latest commit on ${branch}` : 'Commit' };
}

/** Node ids are the REST shapes' `node_id`s (`PR_kwDO…`): prefix + base64 of the record id. */
export function decodeNodeId(id: string): { prefix: string; key: string } | undefined {
  const m = /^([A-Z]+)_kwDO([A-Za-z0-9+/]+)$/.exec(id);
  if (!m) return undefined;
  const decoded = Buffer.from(m[2] ?? '', 'base64').toString('utf8');
  return decoded.startsWith('fake:') ? { prefix: m[1] ?? '', key: decoded.slice(5) } : undefined;
}

/** The record behind a global node id, for `node(id:)` and mutation inputs. */
export function nodeById(s: Scenario, id: string): { __typename: string } | null {
  const d = decodeNodeId(id);
  if (!d) return null;
  const n = Number(d.key);
  switch (d.prefix) {
    case 'PR': {
      const pull = s.pulls.find((p) => p.pullId === n) ?? s.pulls.find((p) => p.id === n);
      return pull ? { __typename: 'PullRequest', pull } as PullSrc : null;
    }
    case 'I': {
      const issue = s.issues.find((i) => i.id === n);
      return issue ? { __typename: 'Issue', issue } as IssueSrc : null;
    }
    case 'U': case 'BOT': case 'O': {
      const u = s.users.find((x) => x.id === n) ?? s.orgs.find((o) => o.id === n);
      return u ? actor(s, u.login) : null;
    }
    case 'T': {
      const team = s.teams.find((t) => t.id === n);
      return team ? { __typename: 'Team', team } as TeamSrc : null;
    }
    case 'R': {
      const repo = s.repos.find((r) => r.id === n);
      return repo ? { __typename: 'Repository', repo } as RepoSrc : null;
    }
    case 'MI': {
      const m = s.milestones.find((x) => x.id === n);
      return m ? { __typename: 'Milestone', m } as MilestoneSrc : null;
    }
    case 'LA': {
      for (const r of s.repos) {
        const label = r.labels.find((l) => l.id === n);
        if (label) return { __typename: 'Label', repo: fullName(r), label } as LabelSrc;
      }
      return null;
    }
    case 'IC': {
      const comment = s.comments.find((c) => c.id === n);
      return comment ? { __typename: 'IssueComment', comment } as CommentSrc : null;
    }
    case 'PRR': {
      const review = s.reviews.find((r) => r.id === n);
      return review ? { __typename: 'PullRequestReview', review } as ReviewSrc : null;
    }
    default:
      return null;
  }
}

export function actorId(s: Scenario, a: ActorSrc): string {
  return nodeId(a.__typename === 'Bot' ? 'BOT' : a.__typename === 'Organization' ? 'O' : 'U', userDbId(s, scenarioLogin(s, a)));
}
