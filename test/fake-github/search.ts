// `GET /search/issues` query language: the qualifiers Lead Desk relies on, with GitHub's
// semantics. Unknown qualifiers are rejected with 422 rather than silently ignored, so a client
// that depends on a qualifier this fake lacks finds out at once.
import { type Scenario, type ScenarioIssue, type ScenarioPull, isPull, teamsOf } from './scenario';
import { validationFailed } from './http-kit';

type Predicate = (item: ScenarioIssue) => boolean;

export interface ParsedQuery {
  predicates: Predicate[];
  /** `repo:`, `org:` and `user:` qualifiers are OR-ed together, as on GitHub. */
  scopes: Predicate[];
  sort?: { field: string; order: 'asc' | 'desc' };
}

interface Token {
  negated: boolean;
  key: string | null;
  value: string;
}

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  const re = /(-?)([A-Za-z][\w-]*):("[^"]*"|\S+)|"([^"]*)"|(\S+)/g;
  for (const m of q.matchAll(re)) {
    if (m[2] !== undefined) {
      tokens.push({ negated: m[1] === '-', key: m[2].toLowerCase(), value: (m[3] ?? '').replace(/^"|"$/g, '') });
    } else {
      tokens.push({ negated: false, key: null, value: m[4] ?? m[5] ?? '' });
    }
  }
  return tokens;
}

/** `>=2024-01-01`, `<2024-01-01T10:00:00Z`, `2024-01-01..2024-02-01`, `2024-01-01` (that day). */
function dateMatcher(spec: string): (iso: string | null) => boolean {
  const t = (s: string): number => Date.parse(s);
  const range = spec.split('..');
  if (range.length === 2) {
    const [from, to] = range as [string, string];
    return (v) => v !== null && (from === '*' || t(v) >= t(from)) && (to === '*' || t(v) <= t(to) + (to.length === 10 ? 86_399_999 : 0));
  }
  const m = /^(>=|<=|>|<)?(.+)$/.exec(spec);
  const op = m?.[1] ?? '';
  const at = t(m?.[2] ?? '');
  if (Number.isNaN(at)) throw validationFailed(`Invalid date: ${spec}`);
  const dayOnly = (m?.[2] ?? '').length === 10;
  return (v) => {
    if (v === null) return false;
    const x = t(v);
    switch (op) {
      case '>': return x > (dayOnly ? at + 86_399_999 : at);
      case '>=': return x >= at;
      case '<': return x < at;
      case '<=': return x <= (dayOnly ? at + 86_399_999 : at);
      default: return dayOnly ? x >= at && x < at + 86_400_000 : x === at;
    }
  };
}

/** True when `login` (directly, or through one of their teams) is asked to review `item`. */
function reviewRequestedFrom(s: Scenario, item: ScenarioIssue, login: string, viaTeams: boolean): boolean {
  if (!isPull(item)) return false;
  if (item.requestedReviewers.some((r) => r.toLowerCase() === login.toLowerCase())) return true;
  return viaTeams && teamsOf(s, login).some((t) => item.requestedTeams.includes(t));
}

export function parseSearchQuery(s: Scenario, q: string): ParsedQuery {
  const me = (v: string): string => (v === '@me' ? s.me : v);
  const eq = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
  const predicates: Predicate[] = [];
  const scopes: Predicate[] = [];
  let sort: ParsedQuery['sort'];
  const milestoneTitle = (i: ScenarioIssue): string | undefined =>
    s.milestones.find((m) => m.repo === i.repo && m.number === i.milestone)?.title;

  for (const { negated, key, value } of tokenize(q)) {
    let p: Predicate;
    const v = value;
    switch (key) {
      case null: {
        const text = v.toLowerCase();
        p = (i) => i.title.toLowerCase().includes(text) || (i.body ?? '').toLowerCase().includes(text);
        break;
      }
      case 'is':
      case 'type':
      case 'state':
        switch (v.toLowerCase()) {
          case 'pr': case 'pull-request': p = isPull; break;
          case 'issue': p = (i) => !isPull(i); break;
          case 'open': p = (i) => i.state === 'open'; break;
          case 'closed': p = (i) => i.state === 'closed'; break;
          case 'merged': p = (i) => isPull(i) && i.mergedAt !== null; break;
          case 'unmerged': p = (i) => isPull(i) && i.state === 'closed' && i.mergedAt === null; break;
          case 'draft': p = (i) => isPull(i) && i.draft; break;
          default: throw validationFailed(`fake-github does not support ${key}:${v}`);
        }
        break;
      case 'draft':
        p = (i) => isPull(i) && i.draft === (v === 'true');
        break;
      case 'archived':
        p = () => v === 'false'; // no archived repos in a scenario
        break;
      case 'review-requested':
        p = (i) => reviewRequestedFrom(s, i, me(v), true);
        break;
      case 'user-review-requested':
        p = (i) => reviewRequestedFrom(s, i, me(v), false);
        break;
      case 'team-review-requested':
        p = (i) => isPull(i) && i.requestedTeams.some((t) => eq(t, v));
        break;
      case 'review': {
        // The PR's review decision: each reviewer's latest approving or blocking review counts.
        const decision = (i: ScenarioIssue): string => {
          const latest = new Map<string, string>();
          for (const r of s.reviews.filter((x) => x.repo === i.repo && x.pull === i.number && (x.state === 'APPROVED' || x.state === 'CHANGES_REQUESTED'))
            .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))) latest.set(r.user.toLowerCase(), r.state);
          const states = [...latest.values()];
          return states.includes('CHANGES_REQUESTED') ? 'changes_requested' : states.includes('APPROVED') ? 'approved' : 'none';
        };
        switch (v.toLowerCase()) {
          case 'changes_requested': p = (i) => isPull(i) && decision(i) === 'changes_requested'; break;
          case 'approved': p = (i) => isPull(i) && decision(i) === 'approved'; break;
          case 'none': p = (i) => isPull(i) && decision(i) === 'none'; break;
          default: throw validationFailed(`fake-github does not support review:${v}`);
        }
        break;
      }
      case 'reviewed-by':
        p = (i) => s.reviews.some((r) => r.repo === i.repo && r.pull === i.number && eq(r.user, me(v)));
        break;
      case 'author':
        p = (i) => eq(i.author, me(v));
        break;
      case 'assignee':
        p = (i) => i.assignees.some((a) => eq(a, me(v)));
        break;
      case 'commenter':
        p = (i) => s.comments.some((c) => c.repo === i.repo && c.issue === i.number && eq(c.user, me(v)));
        break;
      case 'involves':
        p = (i) => eq(i.author, me(v)) || i.assignees.some((a) => eq(a, me(v)))
          || s.comments.some((c) => c.repo === i.repo && c.issue === i.number && eq(c.user, me(v)))
          || reviewRequestedFrom(s, i, me(v), false);
        break;
      case 'label': {
        const anyOf = v.split(',').map((x) => x.replace(/^"|"$/g, ''));
        p = (i) => i.labels.some((l) => anyOf.some((x) => eq(l, x)));
        break;
      }
      case 'milestone':
        p = (i) => eq(milestoneTitle(i) ?? '', v);
        break;
      case 'no':
        switch (v) {
          case 'assignee': p = (i) => i.assignees.length === 0; break;
          case 'label': p = (i) => i.labels.length === 0; break;
          case 'milestone': p = (i) => i.milestone === null; break;
          default: throw validationFailed(`fake-github does not support no:${v}`);
        }
        break;
      case 'repo':
      case 'org':
      case 'user': {
        const scope: Predicate = key === 'repo' ? (i) => eq(i.repo, v) : (i) => eq(i.repo.split('/')[0] ?? '', v);
        if (negated) predicates.push((i) => !scope(i));
        else scopes.push(scope);
        continue;
      }
      case 'created':
      case 'updated':
      case 'closed': {
        const match = dateMatcher(v);
        p = key === 'created' ? (i) => match(i.createdAt) : key === 'updated' ? (i) => match(i.updatedAt) : (i) => match(i.closedAt);
        break;
      }
      case 'sort': {
        const m = /^(created|updated|comments)(?:-(asc|desc))?$/.exec(v);
        if (!m) throw validationFailed(`fake-github does not support sort:${v}`);
        sort = { field: m[1] as string, order: (m[2] as 'asc' | 'desc' | undefined) ?? 'desc' };
        continue;
      }
      default:
        throw validationFailed(`fake-github does not support the qualifier ${key}:`);
    }
    predicates.push(negated ? (i) => !p(i) : p);
  }
  return sort ? { predicates, scopes, sort } : { predicates, scopes };
}

/** GitHub refuses longer queries (docs: "Troubleshooting search queries"). */
export const MAX_QUERY_LENGTH = 256;
/** GitHub refuses a query with more AND, OR or NOT operators than this. */
export const MAX_QUERY_OPERATORS = 5;

/**
 * GitHub's limits on a query, checked before anything else. The fake does not evaluate boolean
 * operators: a query with up to five is refused as unsupported (422), so a client relying on them
 * finds out, and one with more is refused as GitHub refuses it.
 */
function checkQueryLimits(q: string): void {
  if (q.length > MAX_QUERY_LENGTH) throw validationFailed(`The search is longer than ${MAX_QUERY_LENGTH} characters.`);
  const operators = q.replace(/"[^"]*"/g, ' ').split(/\s+/).filter((w) => /^(AND|OR|NOT)$/.test(w)).length;
  if (operators > MAX_QUERY_OPERATORS) throw validationFailed(`The search contains more than ${MAX_QUERY_OPERATORS} AND / OR / NOT operators.`);
  if (operators > 0) throw validationFailed('fake-github does not support AND / OR / NOT operators');
}

/** Every issue and PR matching `q`, sorted as the `sort`/`order` params (or `sort:` in q) ask. */
export function searchIssues(s: Scenario, q: string, sortParam: string | null, orderParam: string | null): (ScenarioIssue | ScenarioPull)[] {
  if (q.trim() === '') throw validationFailed('The search query cannot be empty.');
  checkQueryLimits(q);
  const parsed = parseSearchQuery(s, q);
  const all: ScenarioIssue[] = [...s.issues, ...s.pulls];
  const hits = all.filter((i) => (parsed.scopes.length === 0 || parsed.scopes.some((sc) => sc(i))) && parsed.predicates.every((p) => p(i)));
  const field = sortParam ?? parsed.sort?.field ?? 'created'; // "best match" has no stable order; use newest first
  const order = orderParam === 'asc' || orderParam === 'desc' ? orderParam : parsed.sort?.order ?? 'desc';
  const key = (i: ScenarioIssue): string | number =>
    field === 'updated' ? i.updatedAt
      : field === 'comments' ? s.comments.filter((c) => c.repo === i.repo && c.issue === i.number).length
        : i.createdAt;
  const sign = order === 'asc' ? 1 : -1;
  return hits.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return (ka < kb ? -1 : ka > kb ? 1 : a.id - b.id) * sign;
  });
}
