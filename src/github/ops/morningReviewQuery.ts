/**
 * The Morning Review's GitHub sections that GraphQL can answer (incidents; open milestones with
 * their counts and recent closing rate), for every watched repo in one aliased query: `i0, i1, …`
 * are incident searches (one per chunk of repos, as the REST search was), `r0, r1, …` the repos.
 * The query text and variables, the mapping to the features' types (the same as the REST routes
 * gave), and `morningReview`, which runs it and sends what overflowed to the REST routes.
 */
import { GitHubFailure } from '../transport/failure';
import { MILESTONE_WINDOW_DAYS, chunkQueries, type IncidentIssue, type OpenMilestone } from '../morningReviewData';
import { array, object, num, requiredNum, safeUrl, str, time, type Json } from '../parse';
import type { GraphQLErrorLike } from '../graphqlTypes';
import type { Transport } from '../transport/transport';

/**
 * Milestones per repo and incidents read, sized by GitHub's point cost (each connection costs
 * one request per parent item, totalCount-only ones too): 3 repos cost 1 point, 10 repos 4. A
 * repo with more open milestones, or more incidents than this, is read again on the REST routes,
 * which page (see `morningReview` below).
 */
const MILESTONES = 5;
const RECENT = 50;
const INCIDENTS = 20;

const MILESTONE_FIELDS = `milestones(states: OPEN, first: ${MILESTONES}, orderBy: { field: DUE_DATE, direction: ASC }) {
    totalCount
    nodes {
      number title url dueOn
      openIssues: issues(states: OPEN) { totalCount }
      openPulls: pullRequests(states: OPEN) { totalCount }
      closedIssues: issues(states: CLOSED) { totalCount }
      closedPulls: pullRequests(states: [CLOSED, MERGED]) { totalCount }
      recentIssues: issues(states: CLOSED, first: ${RECENT}, filterBy: { since: $since }, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { closedAt } }
      recentPulls: pullRequests(states: [CLOSED, MERGED], first: ${RECENT}, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { closedAt } }
    }
  }`;

const INCIDENT_FIELDS = 'number title url createdAt repository { nameWithOwner } labels(first: 10) { nodes { name } } assignees(first: 10) { nodes { login } }';

export interface MorningReviewRequest {
  readonly query: string;
  readonly variables: Record<string, unknown>;
  /** Alias → repo, for the repository aliases. */
  readonly repoAliases: ReadonlyMap<string, string>;
  readonly incidentAliases: readonly string[];
}

/** Start of the closing-rate window, rounded down to the day (the `since` filter, as REST had it). */
export function windowStart(now: number): number {
  return now - MILESTONE_WINDOW_DAYS * 86_400_000;
}

export function morningReviewRequest(repos: readonly string[], severityLabels: readonly string[], now: number): MorningReviewRequest {
  const vars: Record<string, unknown> = { since: new Date(Math.floor(windowStart(now) / 86_400_000) * 86_400_000).toISOString() };
  const decl: string[] = ['$since: DateTime!'];
  const parts: string[] = ['rateLimit { cost remaining limit resetAt }'];
  const incidentAliases: string[] = [];
  if (severityLabels.length > 0 && repos.length > 0) {
    const labels = severityLabels.map((l) => (/^[\w.-]+$/.test(l) ? l : `"${l.replace(/"/g, '')}"`)).join(',');
    chunkQueries(`is:issue is:open archived:false sort:created-asc label:${labels}`, repos.map((r) => `repo:${r}`)).forEach((q, i) => {
      const alias = `i${i}`;
      incidentAliases.push(alias);
      vars[alias] = q;
      decl.push(`$${alias}: String!`);
      parts.push(`${alias}: search(type: ISSUE, query: $${alias}, first: ${INCIDENTS}) { issueCount nodes { __typename ... on Issue { ${INCIDENT_FIELDS} } } }`);
    });
  }
  const repoAliases = new Map<string, string>();
  repos.forEach((repo, i) => {
    const [owner, name] = repo.split('/');
    const alias = `r${i}`;
    repoAliases.set(alias, repo);
    vars[`o${i}`] = owner;
    vars[`n${i}`] = name;
    decl.push(`$o${i}: String!`, `$n${i}: String!`);
    parts.push(`${alias}: repository(owner: $o${i}, name: $n${i}) { ...LeadDeskMilestones }`);
  });
  const query = `query LeadDeskMorningReview(${decl.join(', ')}) {\n  ${parts.join('\n  ')}\n}\nfragment LeadDeskMilestones on Repository {\n  ${MILESTONE_FIELDS}\n}`;
  return { query, variables: vars, repoAliases, incidentAliases };
}

const nodesOf = (v: unknown): Json[] => {
  if (typeof v !== 'object' || v === null) return [];
  const nodes = (v as Json).nodes;
  return Array.isArray(nodes) ? nodes.filter((n): n is Json => typeof n === 'object' && n !== null) : [];
};
const total = (v: unknown): number => (typeof v === 'object' && v !== null ? num((v as Json).totalCount) : 0);

export interface MorningReviewGitHub {
  /** Null when the incident searches failed (then `incidentsError` says why). */
  readonly incidents: IncidentIssue[] | null;
  readonly incidentsError: GitHubFailure | null;
  /** Per watched repo: its open milestones, or why they could not be read. */
  readonly milestones: ReadonlyMap<string, OpenMilestone[] | GitHubFailure>;
  readonly cost: number | null;
  /** More incidents matched than were read. */
  readonly moreIncidents: boolean;
  /** Repos with more open milestones than were read. */
  readonly moreMilestones: readonly string[];
}

function failureFor(errors: readonly GraphQLErrorLike[], fallback: string): GitHubFailure {
  const e = errors[0];
  const message = e?.message ?? fallback;
  if (errors.some((x) => x.type === 'NOT_FOUND')) return new GitHubFailure('not-found', message);
  if (errors.some((x) => x.type === 'FORBIDDEN')) return new GitHubFailure('forbidden', message);
  if (errors.some((x) => x.type === 'RATE_LIMITED')) return new GitHubFailure('rate-limited', message);
  return new GitHubFailure('server', message);
}

export function readMorningReview(req: MorningReviewRequest, data: Json | null, errors: readonly GraphQLErrorLike[], now: number, webHost: string): MorningReviewGitHub {
  const d = data ?? {};
  const errorsAt = (alias: string) => errors.filter((e) => e.path?.[0] === alias);
  let incidents: IncidentIssue[] | null = [];
  let incidentsError: GitHubFailure | null = null;
  let moreIncidents = false;
  const moreMilestones: string[] = [];
  const seen = new Set<string>();
  for (const alias of req.incidentAliases) {
    const raw = d[alias];
    const failed = errorsAt(alias);
    if (raw === undefined || raw === null || failed.length > 0) {
      incidents = null;
      incidentsError = failureFor(failed.length ? failed : errors, 'GitHub sent no incidents');
      break;
    }
    const search = object(raw, 'incident search');
    const nodes = array(search.nodes ?? [], 'incident nodes');
    moreIncidents ||= num(search.issueCount) > nodes.length;
    for (const n of nodes) {
      if (typeof n !== 'object' || n === null || (n as Json).__typename !== 'Issue') continue;
      const i = n as Json;
      const repo = str(object(i.repository ?? {}, 'repository').nameWithOwner);
      if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repo) || typeof i.number !== 'number') continue;
      const issue: IncidentIssue = {
        repo, number: requiredNum(i.number, 'issue number'), title: str(i.title, '(no title)'), url: safeUrl(i.url, webHost),
        labels: nodesOf(i.labels).map((l) => str(l.name)).filter((l) => l !== ''),
        assignees: nodesOf(i.assignees).map((a) => str(a.login)).filter((l) => l !== ''), createdAt: time(i.createdAt),
      };
      const key = `${issue.repo}#${issue.number}`;
      if (!seen.has(key)) incidents.push(issue);
      seen.add(key);
    }
  }
  const from = windowStart(now);
  const milestones = new Map<string, OpenMilestone[] | GitHubFailure>();
  for (const [alias, repo] of req.repoAliases) {
    const raw = d[alias];
    const failed = errorsAt(alias);
    if (raw === undefined || raw === null || failed.length > 0) {
      milestones.set(repo, failureFor(failed.length ? failed : errors, `GitHub sent no milestones for ${repo}`));
      continue;
    }
    const conn = object(raw, 'repository').milestones;
    const list = nodesOf(conn);
    if (total(conn) > list.length) moreMilestones.push(repo);
    milestones.set(repo, list.map((m): OpenMilestone => {
      const open = total(m.openIssues) + total(m.openPulls);
      const dueOn = typeof m.dueOn === 'string' ? m.dueOn : null;
      const closedRecently = dueOn !== null && open > 0
        ? [...nodesOf(m.recentIssues), ...nodesOf(m.recentPulls)].filter((x) => time(x.closedAt) >= from).length : 0;
      return {
        repo, number: requiredNum(m.number, 'milestone number'), title: str(m.title, '(no title)'), url: safeUrl(m.url, webHost),
        open, closed: total(m.closedIssues) + total(m.closedPulls), dueOn, closedRecently,
      };
    }));
  }
  const rl = d.rateLimit;
  return { incidents, incidentsError, milestones, moreIncidents, moreMilestones, cost: typeof rl === 'object' && rl !== null ? num((rl as Json).cost) : null };
}

/**
 * What `morningReview` runs on: GraphQL, and the REST routes that page (ops/incidents.ts,
 * ops/milestones.ts) for what overflowed the query, which the client wires in.
 */
export interface MorningReviewTransport extends Pick<Transport, 'graphqlWithErrors' | 'webHost'> {
  incidents(repos: readonly string[], severityLabels: readonly string[]): Promise<IncidentIssue[]>;
  openMilestones(repo: string, now?: number): Promise<OpenMilestone[]>;
}

/**
 * Incidents and open milestones (counts, due date, closed in the last 14 days) of all `repos`
 * in one aliased GraphQL query. A repo that fails is a `GitHubFailure` in `milestones`; failed
 * incident searches are `incidentsError`.
 */
export async function morningReview(transport: MorningReviewTransport, repos: readonly string[], severityLabels: readonly string[], now: number): Promise<MorningReviewGitHub> {
  const req = morningReviewRequest(repos, severityLabels, now);
  const { data, errors } = await transport.graphqlWithErrors(req.query, req.variables, { what: 'morning review query', needData: true });
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new GitHubFailure('malformed', 'the morning review answer is not an object');
  const read = readMorningReview(req, data as Json, errors, now, transport.webHost);
  // Rare: more than the query reads. The REST routes page; only what overflowed goes there.
  const incidents = read.moreIncidents && read.incidents !== null ? await transport.incidents(repos, severityLabels) : read.incidents;
  const milestones = new Map(read.milestones);
  await Promise.all(read.moreMilestones.map(async (repo) => {
    milestones.set(repo, await transport.openMilestones(repo, now).catch((e: unknown) => (e instanceof GitHubFailure ? e : new GitHubFailure('server', String(e)))));
  }));
  return { ...read, incidents, milestones };
}
