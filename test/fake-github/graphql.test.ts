// The fake's GraphQL endpoint: GitHub's schema and error shapes, point cost and limits, cursors,
// faults, and — for the demo scenario — answers that agree with the REST routes.
import * as assert from 'node:assert/strict';
import { buildSchema } from 'graphql';
import { requestedAtFromTimeline } from '../../src/core/reviews';
import { githubSchema, readSchemaSdl } from './graphql/schema';
import { encodeCursor } from './graphql/connection';
import { addPull, requestReview, setDraft } from './scenario';
import { bigScenario, demoScenario } from './scenarios';
import { type FakeGitHub, startFakeGitHub } from './server';
import { NOW, octokitFor, raw, useFake } from './test-support';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at GraphQL JSON freely
type Json = any;

const PR_FIELDS = `
  id number title url createdAt updatedAt isDraft additions deletions changedFiles body
  author { login } repository { nameWithOwner }
  labels(first: 20) { nodes { name } }
  assignees(first: 10) { nodes { login } }
  milestone { title dueOn }
  commits(last: 1) { nodes { commit { oid committedDate statusCheckRollup { state } } } }
  reviewRequests(first: 20) { nodes { requestedReviewer { __typename ... on User { login } ... on Team { slug name } } } }
  latestReviews(first: 20) { nodes { author { login } state submittedAt commit { oid } } }
  timelineItems(last: 50, itemTypes: [REVIEW_REQUESTED_EVENT, REVIEW_REQUEST_REMOVED_EVENT, READY_FOR_REVIEW_EVENT, CONVERT_TO_DRAFT_EVENT]) {
    nodes { __typename
      ... on ReviewRequestedEvent { createdAt requestedReviewer { __typename ... on User { login } ... on Team { slug } } }
      ... on ReviewRequestRemovedEvent { createdAt requestedReviewer { __typename ... on User { login } ... on Team { slug } } }
      ... on ReadyForReviewEvent { createdAt }
      ... on ConvertToDraftEvent { createdAt } } }`;

const ISSUE_FIELDS = `id number title url createdAt updatedAt body author { login } repository { nameWithOwner }
  assignees(first: 10) { nodes { login } } milestone { title dueOn } labels(first: 20) { nodes { name } }`;

/** The sidebar query the client sends (issue 10): three aliased searches and the budget. */
const SIDEBAR = `
query Sidebar($reviews: String!, $mine: String!, $delegated: String!, $first: Int!, $afterReviews: String) {
  rateLimit { cost remaining limit resetAt used nodeCount }
  viewer { login }
  reviews: search(type: ISSUE, query: $reviews, first: $first, after: $afterReviews) {
    issueCount pageInfo { hasNextPage endCursor }
    nodes { ... on PullRequest { ${PR_FIELDS} } }
  }
  mine: search(type: ISSUE, query: $mine, first: $first) {
    issueCount pageInfo { hasNextPage endCursor }
    nodes { ... on PullRequest { ${PR_FIELDS} } }
  }
  delegated: search(type: ISSUE, query: $delegated, first: $first) {
    issueCount pageInfo { hasNextPage endCursor }
    nodes { ... on Issue { ${ISSUE_FIELDS} } ... on PullRequest { ${ISSUE_FIELDS} } }
  }
}`;

const REPOS = 'repo:acme/api repo:acme/web repo:acme/infra';
const SIDEBAR_VARS = {
  reviews: `is:pr is:open review-requested:@me archived:false ${REPOS}`,
  mine: `is:pr is:open author:@me archived:false ${REPOS}`,
  delegated: `is:open author:@me -assignee:@me archived:false ${REPOS}`,
  first: 100,
};

async function gql(fg: FakeGitHub, query: string, variables: Record<string, unknown> = {}, path = '/graphql'): Promise<{ status: number; headers: Headers; body: Json }> {
  return raw(fg, path, { method: 'POST', body: { query, variables } });
}

const key = (repo: string, number: number): string => `${repo}#${number}`;

describe('fake GitHub — GraphQL schema', () => {
  it('builds GitHub\'s published schema once, dropping the two repeated EnterpriseOwnerInfo fields', () => {
    const first = githubSchema();
    assert.equal(githubSchema(), first, 'cached per process');
    assert.deepEqual(first.dropped, [
      { type: 'EnterpriseOwnerInfo', field: 'repositoryDeployKeySetting' },
      { type: 'EnterpriseOwnerInfo', field: 'repositoryDeployKeySettingOrganizations' },
    ]);
    assert.ok(first.schema.getType('PullRequest'));
    console.log(`      schema build: ${first.buildMs.toFixed(0)} ms`);
  });

  it('still needs the fix: the SDL as shipped does not build', () => {
    assert.throws(() => buildSchema(readSchemaSdl()), /Field "EnterpriseOwnerInfo\.repositoryDeployKeySetting" can only be defined once/);
  });
});

describe('fake GitHub — GraphQL errors', () => {
  const ctx = useFake();

  it('rejects a field the schema lacks with GitHub\'s validation error, HTTP 200', async () => {
    const res = await gql(ctx.fg, 'query Sidebar {\n  viewer {\n    login\n    nope\n  }\n}');
    assert.equal(res.status, 200);
    assert.equal(res.body.data, undefined);
    assert.deepEqual(res.body.errors, [{
      message: "Field 'nope' doesn't exist on type 'User'",
      extensions: { code: 'undefinedField', typeName: 'User', fieldName: 'nope' },
      path: ['query Sidebar', 'viewer', 'nope'],
      locations: [{ line: 4, column: 5 }],
    }]);
  });

  it('names fields inside fragments, unknown arguments and missing required arguments', async () => {
    const res = await gql(ctx.fg, '{ search(type: ISSUE, query: "is:pr", first: 1) { nodes { ... on PullRequest { isDraftt } } } user { login } viewer { login(x: 1) } }');
    const codes = res.body.errors.map((e: Json) => e.extensions.code).sort();
    assert.deepEqual(codes, ['argumentNotAccepted', 'missingRequiredArguments', 'undefinedField']);
    const field = res.body.errors.find((e: Json) => e.extensions.code === 'undefinedField');
    assert.deepEqual(field.path, ['query', 'search', 'nodes', '... on PullRequest', 'isDraftt']);
    const missing = res.body.errors.find((e: Json) => e.extensions.code === 'missingRequiredArguments');
    assert.equal(missing.message, "Field 'user' is missing required arguments: login");
  });

  it('reports a missing or ill-typed variable before running anything', async () => {
    const res = await gql(ctx.fg, SIDEBAR, { ...SIDEBAR_VARS, reviews: undefined });
    assert.equal(res.status, 200);
    assert.equal(res.body.data, undefined);
    assert.equal(res.body.errors[0].message, 'Variable $reviews of type String! was provided invalid value');
    const typed = await gql(ctx.fg, SIDEBAR, { ...SIDEBAR_VARS, first: 'many' });
    assert.match(typed.body.errors[0].message, /^Variable \$first of type/);
    assert.equal(typed.body.errors[0].extensions.problems.length, 1);
  });

  it('answers a syntax error with its location, and a lookup that finds nothing with NOT_FOUND and null', async () => {
    const syntax = await gql(ctx.fg, '{ viewer { login }');
    assert.equal(syntax.status, 200);
    assert.ok(syntax.body.errors[0].locations[0].line >= 1);
    const missing = await gql(ctx.fg, '{ repository(owner: "acme", name: "nope") { id } viewer { login } }');
    assert.deepEqual(missing.body.data, { repository: null, viewer: { login: 'lead' } });
    assert.deepEqual(missing.body.errors, [{
      type: 'NOT_FOUND', path: ['repository'], locations: [{ line: 1, column: 3 }],
      message: "Could not resolve to a Repository with the name 'acme/nope'.",
    }]);
  });

  it('plays an older GHES that lacks a field: undefinedField for it, the rest of the schema intact', async () => {
    const fg = await startFakeGitHub(demoScenario(NOW), { graphqlOmitFields: ['PullRequest.latestReviews'], eagerGraphQL: true });
    try {
      const res = await gql(fg, '{ search(type: ISSUE, query: "is:pr", first: 1) { nodes { ... on PullRequest { isDraft latestReviews(first: 1) { totalCount } } } } }', {}, '/api/graphql');
      assert.deepEqual(res.body.errors.map((e: Json) => [e.extensions.code, e.path.at(-1)]), [['undefinedField', 'latestReviews']]);
      const without = await gql(fg, '{ search(type: ISSUE, query: "is:pr", first: 1) { nodes { ... on PullRequest { isDraft } } } }', {}, '/api/graphql');
      assert.equal(without.body.errors, undefined);
      assert.ok(githubSchema().schema.getType('PullRequest')?.toString(), 'the full schema is still there for other fakes');
    } finally {
      await fg.close();
    }
  });

  it('rejects a bad token with 401 like the REST routes, and serves GHES at /api/graphql', async () => {
    const res = await raw(ctx.fg, '/graphql', { method: 'POST', body: { query: '{ viewer { login } }' }, headers: { authorization: 'token wrong' } });
    assert.equal(res.status, 401);
    assert.equal(res.body.message, 'Bad credentials');
    const ghes = await octokitFor(ctx.fg, `${ctx.fg.url}/api/v3`).graphql<{ viewer: { login: string } }>('{ viewer { login } }');
    assert.equal(ghes.viewer.login, 'lead');
    const logged = ctx.fg.requests.at(-1)!;
    assert.deepEqual([logged.path, logged.prefix, logged.resource, logged.route], ['/graphql', '/api/v3', 'graphql', '/graphql']);
  });
});

describe('fake GitHub — GraphQL cost and limits', () => {
  const ctx = useFake();

  it('charges at least 1 point, and reports it in rateLimit, the headers and the request log', async () => {
    const res = await gql(ctx.fg, '{ rateLimit { cost nodeCount limit remaining used resetAt } viewer { login } }');
    const r = res.body.data.rateLimit;
    assert.equal(r.cost, 1);
    assert.equal(r.nodeCount, 0);
    assert.equal(r.limit, 5000);
    assert.equal(res.headers.get('x-ratelimit-resource'), 'graphql');
    assert.equal(Number(res.headers.get('x-ratelimit-remaining')), r.remaining);
    assert.equal(Number(res.headers.get('x-ratelimit-used')), r.used);
    assert.match(r.resetAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(ctx.fg.requests.at(-1)!.cost, 1);
  });

  it('computes the documented example: 100 repositories × 50 issues × 60 labels = 51 points, 305,100 nodes', async () => {
    const q = '{ rateLimit { cost nodeCount } viewer { login repositories(first: 100) { edges { node { id issues(first: 50) { edges { node { id labels(first: 60) { edges { node { id } } } } } } } } } } }';
    const res = await gql(ctx.fg, q);
    assert.deepEqual(res.body.data.rateLimit, { cost: 51, nodeCount: 305_100 });
    assert.equal(ctx.fg.requests.at(-1)!.cost, 51);
  });

  it('costs the sidebar query 14 points at 100 per list (each search 1 + 100 × its inner connections)', async () => {
    const before = ctx.fg.stats().costByResource.graphql;
    const res = await gql(ctx.fg, SIDEBAR, SIDEBAR_VARS);
    assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    // reviews 1 + 100 × 6, mine the same, delegated 1 + 100 × 2 (a node is an Issue or a PR, not both): 1,403 → 14.
    assert.equal(res.body.data.rateLimit.cost, 14);
    assert.equal(ctx.fg.stats().costByResource.graphql - before, 14);
    // Nodes: each PR search 100 + 100 × (20 + 10 + 1 + 20 + 20 + 50); delegated 100 + 100 × (10 + 20).
    assert.equal(res.body.data.rateLimit.nodeCount, 2 * (100 + 100 * 121) + (100 + 100 * 30));
  });

  it('enforces 1..100 per connection, first/last on lists, and the 500,000-node limit', async () => {
    const tooMany = await gql(ctx.fg, '{ search(type: ISSUE, query: "is:pr", first: 101) { nodes { __typename } } }');
    assert.deepEqual(tooMany.body.errors, [{
      type: 'EXCESSIVE_PAGINATION', path: ['search'], locations: [{ line: 1, column: 3 }],
      message: 'Requesting 101 records on the `search` connection exceeds the `first` limit of 100 records.',
    }]);
    assert.equal(tooMany.body.data, undefined);
    const none = await gql(ctx.fg, '{ search(type: ISSUE, query: "is:pr") { nodes { __typename } } }');
    assert.equal(none.body.errors[0].type, 'MISSING_PAGINATION_BOUNDARIES');
    const countOnly = await gql(ctx.fg, '{ search(type: ISSUE, query: "is:pr", first: 1) { nodes { ... on PullRequest { comments { totalCount } } } } }');
    assert.equal(countOnly.body.errors, undefined, 'totalCount alone needs no first/last');
    const huge = await gql(ctx.fg, '{ search(type: ISSUE, query: "is:pr", first: 100) { nodes { ... on PullRequest { labels(first: 100) { nodes { pullRequests(first: 100) { nodes { id } } } } } } } }');
    assert.equal(huge.body.errors[0].type, 'MAX_NODE_LIMIT_EXCEEDED');
    assert.equal(huge.body.errors[0].message, 'By the time this query traverses to the pullRequests connection, it is requesting up to 1,010,100 possible nodes which exceeds the maximum limit of 500,000.');
  });

  it('answers RATE_LIMITED in a 200 when the budget cannot pay for the query, and charges nothing for it', async () => {
    const fg = await startFakeGitHub(demoScenario(NOW), { rateLimit: { graphql: 100 } });
    try {
      fg.setRateLimitRemaining('graphql', 5);
      const res = await gql(fg, SIDEBAR, SIDEBAR_VARS);
      assert.equal(res.status, 200);
      assert.equal(res.body.errors[0].type, 'RATE_LIMITED');
      const small = await gql(fg, '{ rateLimit { remaining used } }');
      assert.deepEqual(small.body.data.rateLimit, { remaining: 4, used: 96 });
      fg.setRateLimitRemaining('graphql', 0);
      const spent = await gql(fg, '{ viewer { login } }');
      assert.equal(spent.status, 200);
      assert.equal(spent.body.errors[0].type, 'RATE_LIMITED');
      assert.equal(spent.headers.get('x-ratelimit-remaining'), '0');
      const dry = await gql(fg, '{ rateLimit(dryRun: true) { cost } }');
      assert.equal(dry.body.errors[0].type, 'RATE_LIMITED', 'a spent budget refuses even a dry run, as GitHub does');
    } finally {
      await fg.close();
    }
  });
});

describe('fake GitHub — GraphQL pagination and the search cap', () => {
  const ctx = useFake();

  it('pages search and connections with first/after and last/before', async () => {
    const q = 'query($after: String) { search(type: ISSUE, query: "is:pr is:open review-requested:@me", first: 3, after: $after) { issueCount pageInfo { hasNextPage endCursor } nodes { ... on PullRequest { number repository { nameWithOwner } } } } }';
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res = await gql(ctx.fg, q, { after });
      const s = res.body.data.search;
      seen.push(...s.nodes.map((n: Json) => key(n.repository.nameWithOwner, n.number)));
      assert.equal(s.issueCount, 8);
      if (!s.pageInfo.hasNextPage) break;
      after = s.pageInfo.endCursor;
    }
    assert.equal(seen.length, 8);
    assert.equal(new Set(seen).size, 8);
    const all = await gql(ctx.fg, '{ search(type: ISSUE, query: "is:pr is:open review-requested:@me", first: 100) { nodes { ... on PullRequest { number repository { nameWithOwner } } } } }');
    assert.deepEqual(seen, all.body.data.search.nodes.map((n: Json) => key(n.repository.nameWithOwner, n.number)));
    const labels = await gql(ctx.fg, '{ repository(owner: "acme", name: "api") { labels(last: 2, before: "' + encodeCursor(5) + '") { totalCount pageInfo { hasNextPage hasPreviousPage } nodes { name } } } }');
    assert.deepEqual(labels.body.data.repository.labels, { totalCount: 9, pageInfo: { hasNextPage: true, hasPreviousPage: true }, nodes: [{ name: 'incident' }, { name: 'sev1' }] });
    const bad = await gql(ctx.fg, '{ search(type: ISSUE, query: "is:pr", first: 1, after: "nope") { issueCount } }');
    assert.equal(bad.body.errors[0].type, 'INVALID_CURSOR_ARGUMENTS');
  });

  it('stops at 1,000 search results while issueCount reports every match', async () => {
    const fg = await startFakeGitHub(bigScenario({ repos: 5, pulls: 1050, now: NOW }));
    try {
      const q = 'query($after: String) { search(type: ISSUE, query: "is:pr is:open review-requested:@me", first: 100, after: $after) { issueCount pageInfo { hasNextPage endCursor } nodes { __typename } } }';
      let after: string | null = null;
      let total = 0;
      let pages = 0;
      for (;;) {
        const s: Json = (await gql(fg, q, { after })).body.data.search;
        assert.equal(s.issueCount, 1050);
        total += s.nodes.length;
        pages += 1;
        if (!s.pageInfo.hasNextPage) break;
        after = s.pageInfo.endCursor;
      }
      assert.deepEqual([total, pages], [1000, 10]);
      const beyond = (await gql(fg, q, { after: encodeCursor(1000) })).body.data.search;
      assert.deepEqual([beyond.nodes.length, beyond.pageInfo.hasNextPage], [0, false]);
    } finally {
      await fg.close();
    }
  });

  it('rejects a search qualifier the fake does not know, loudly', async () => {
    const res = await gql(ctx.fg, '{ rateLimit { cost } search(type: ISSUE, query: "is:pr frobnicate:yes", first: 1) { issueCount } }');
    assert.equal(res.body.errors[0].type, 'INVALID_SEARCH_QUERY');
    assert.match(res.body.errors[0].message, /frobnicate/);
  });
});

describe('fake GitHub — GraphQL faults', () => {
  const ctx = useFake();
  afterEach(() => ctx.fg.clearFaults());

  it('injects status, delay, hang and malformed bodies like the REST routes', async () => {
    ctx.fg.inject('POST /graphql', { status: 502, times: 1 });
    assert.equal((await gql(ctx.fg, '{ viewer { login } }')).status, 502);
    assert.equal((await gql(ctx.fg, '{ viewer { login } }')).status, 200);

    ctx.fg.inject('/graphql', { delayMs: 150, times: 1 });
    const started = Date.now();
    assert.equal((await gql(ctx.fg, '{ viewer { login } }')).body.data.viewer.login, 'lead');
    assert.ok(Date.now() - started >= 140);

    ctx.fg.inject('/graphql', { malformed: true, times: 1 });
    const res = await fetch(`${ctx.fg.url}/graphql`, { method: 'POST', headers: { authorization: `token ${ctx.fg.token}` }, body: JSON.stringify({ query: '{ viewer { login } }' }) });
    await assert.rejects(res.json(), SyntaxError);

    ctx.fg.inject('/graphql', { hang: true, times: 1 });
    await assert.rejects(fetch(`${ctx.fg.url}/graphql`, {
      method: 'POST', headers: { authorization: `token ${ctx.fg.token}` }, body: '{"query":"{ viewer { login } }"}', signal: AbortSignal.timeout(200),
    }), /aborted|timeout/i);
    assert.equal(ctx.fg.requests.at(-1)!.status, null, 'logged, never answered');
  });

  it('fails chosen fields with partial errors next to the data, null propagating as the schema says', async () => {
    ctx.fg.inject('POST /graphql', { graphqlErrors: [{ path: 'reviews.nodes.1' }, { path: 'rateLimit' }], times: 1 });
    const res = await gql(ctx.fg, SIDEBAR, SIDEBAR_VARS);
    assert.equal(res.status, 200);
    assert.equal(res.body.data.rateLimit, null);
    assert.equal(res.body.data.viewer.login, 'lead');
    assert.equal(res.body.data.reviews.nodes[1], null);
    assert.equal(res.body.data.reviews.nodes.filter((n: Json) => n !== null).length, 7);
    assert.deepEqual(res.body.errors.map((e: Json) => e.path), [['rateLimit'], ['reviews', 'nodes', 1]]);
    assert.match(res.body.errors[0].message, /Something went wrong while executing your query/);

    // `search` is non-null: an error in one alias takes `data` down with it, as on GitHub.
    ctx.fg.inject('POST /graphql', { graphqlErrors: [{ path: 'mine', type: 'FORBIDDEN', message: 'Resource not accessible by integration' }], times: 1 });
    const whole = await gql(ctx.fg, SIDEBAR, SIDEBAR_VARS);
    assert.equal(whole.body.data, null);
    const line = SIDEBAR.split('\n').findIndex((l) => l.startsWith('  mine: search')) + 1;
    assert.deepEqual(whole.body.errors, [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration', path: ['mine'], locations: [{ line, column: 3 }] }]);
  });
});

describe('fake GitHub — GraphQL mutations', () => {
  const ctx = useFake();

  it('requests reviews and adds comments, visible to the REST routes', async () => {
    const ids = (await gql(ctx.fg, '{ user(login: "mira") { id } organization(login: "acme") { team(slug: "sre") { id } } repository(owner: "acme", name: "api") { pullRequest(number: 3) { id title } } }')).body.data;
    const pr = ids.repository.pullRequest;
    const res = await gql(ctx.fg, 'mutation($input: RequestReviewsInput!) { requestReviews(input: $input) { pullRequest { reviewRequests(first: 10) { nodes { requestedReviewer { ... on User { login } ... on Team { slug } } } } } } }', {
      input: { pullRequestId: pr.id, userIds: [ids.user.id], teamIds: [ids.organization.team.id], union: true },
    });
    const names = res.body.data.requestReviews.pullRequest.reviewRequests.nodes.map((n: Json) => n.requestedReviewer.login ?? n.requestedReviewer.slug);
    assert.deepEqual(names.sort(), ['lead', 'mira', 'sre']);
    const rest = (await raw(ctx.fg, '/repos/acme/api/pulls/3/requested_reviewers')).body;
    assert.deepEqual(rest.users.map((u: Json) => u.login).sort(), ['lead', 'mira']);
    assert.deepEqual(rest.teams.map((t: Json) => t.slug), ['sre']);

    const comment = await gql(ctx.fg, 'mutation($id: ID!) { addComment(input: { subjectId: $id, body: "Looking now" }) { commentEdge { node { body author { login } url } } } }', { id: pr.id });
    assert.equal(comment.body.data.addComment.commentEdge.node.author.login, 'lead');
    const comments = (await raw(ctx.fg, '/repos/acme/api/issues/3/comments')).body;
    assert.equal(comments.at(-1).body, 'Looking now');
    assert.equal(comment.body.data.addComment.commentEdge.node.url, comments.at(-1).html_url);
  });
});

describe('fake GitHub — GraphQL agrees with REST on the demo scenario', () => {
  const ctx = useFake();
  let data: Json;
  before(async () => {
    const res = await gql(ctx.fg, SIDEBAR, SIDEBAR_VARS);
    assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    data = res.body.data;
  });

  async function restSearch(q: string): Promise<Json[]> {
    return (await raw(ctx.fg, `/search/issues?q=${encodeURIComponent(q)}&per_page=100`)).body.items;
  }
  const restKey = (i: Json): string => key(i.repository_url.replace(/^.*\/repos\//, ''), i.number);
  const gqlKeys = (nodes: Json[]): string[] => nodes.map((n) => key(n.repository.nameWithOwner, n.number)).sort();

  it('finds the same PRs waiting for review, own PRs and delegated items', async () => {
    assert.deepEqual(gqlKeys(data.reviews.nodes), (await restSearch(SIDEBAR_VARS.reviews)).map(restKey).sort());
    assert.equal(data.reviews.nodes.length, 8);
    assert.deepEqual(gqlKeys(data.mine.nodes), (await restSearch(SIDEBAR_VARS.mine)).map(restKey).sort());
    assert.deepEqual(gqlKeys(data.delegated.nodes), (await restSearch(SIDEBAR_VARS.delegated)).map(restKey).sort());
    assert.equal(data.viewer.login, 'lead');
  });

  it('gives each PR the same request time, CI state, draft flag, size, labels, assignees and reviewers', async () => {
    const teams = (await raw(ctx.fg, '/user/teams')).body.map((t: Json) => `${t.organization.login}/${t.slug}`);
    for (const pr of [...data.reviews.nodes, ...data.mine.nodes]) {
      const repo = pr.repository.nameWithOwner as string;
      const rest = (await raw(ctx.fg, `/repos/${repo}/pulls/${pr.number}`)).body;
      const label = `${repo}#${pr.number}`;
      assert.equal(pr.title, rest.title, label);
      assert.equal(pr.url, rest.html_url, label);
      assert.equal(pr.createdAt, rest.created_at, label);
      assert.equal(pr.isDraft, rest.draft, label);
      assert.deepEqual([pr.additions, pr.deletions, pr.changedFiles], [rest.additions, rest.deletions, rest.changed_files], label);
      assert.deepEqual(pr.labels.nodes.map((l: Json) => l.name), rest.labels.map((l: Json) => l.name), label);
      assert.deepEqual(pr.assignees.nodes.map((a: Json) => a.login), rest.assignees.map((a: Json) => a.login), label);
      assert.deepEqual(pr.milestone && { title: pr.milestone.title, dueOn: pr.milestone.dueOn }, rest.milestone && { title: rest.milestone.title, dueOn: rest.milestone.due_on }, label);
      // GraphQL names an app without REST's `[bot]` suffix.
      assert.equal(pr.author.login, rest.user.login.replace(/\[bot\]$/, ''), label);

      const requested = pr.reviewRequests.nodes.map((n: Json) => n.requestedReviewer.login ?? `@${n.requestedReviewer.slug}`).sort();
      assert.deepEqual(requested, [...rest.requested_reviewers.map((u: Json) => u.login), ...rest.requested_teams.map((t: Json) => `@${t.slug}`)].sort(), label);

      const restTimeline = (await raw(ctx.fg, `/repos/${repo}/issues/${pr.number}/timeline?per_page=100`)).body;
      const gqlTimeline = pr.timelineItems.nodes.map((n: Json) => ({
        event: { ReviewRequestedEvent: 'review_requested', ReviewRequestRemovedEvent: 'review_request_removed', ReadyForReviewEvent: 'ready_for_review', ConvertToDraftEvent: 'convert_to_draft' }[n.__typename as string],
        created_at: n.createdAt,
        requested_reviewer: n.requestedReviewer?.__typename === 'User' ? { login: n.requestedReviewer.login } : null,
        requested_team: n.requestedReviewer?.__typename === 'Team' ? { slug: n.requestedReviewer.slug } : null,
      }));
      const fallbacks = { createdAt: Date.parse(rest.created_at) };
      assert.equal(requestedAtFromTimeline(gqlTimeline, 'lead', teams, fallbacks), requestedAtFromTimeline(restTimeline, 'lead', teams, fallbacks), label);

      const [checks, status] = await Promise.all([
        raw(ctx.fg, `/repos/${repo}/commits/${rest.head.sha}/check-runs?per_page=100`),
        raw(ctx.fg, `/repos/${repo}/commits/${rest.head.sha}/status`),
      ]);
      const head = pr.commits.nodes[0].commit;
      assert.equal(head.oid, rest.head.sha, label);
      assert.equal(ciFromRollup(head.statusCheckRollup?.state), ciFromRest(checks.body.check_runs, status.body), label);

      const restReviews = (await raw(ctx.fg, `/repos/${repo}/pulls/${pr.number}/reviews`)).body as Json[];
      const latest = new Map<string, Json>();
      for (const r of restReviews) latest.set(r.user.login, r);
      assert.deepEqual(pr.latestReviews.nodes.map((r: Json) => [r.author.login, r.state, r.submittedAt, r.commit.oid]),
        [...latest.values()].map((r) => [r.user.login, r.state, r.submitted_at, r.commit_id]), label);
    }
  });

  it('reports the CI states the demo was built with: a failing, a pending and a passing PR', () => {
    const states = data.reviews.nodes.map((n: Json) => n.commits.nodes[0].commit.statusCheckRollup?.state);
    assert.ok(states.includes('FAILURE') && states.includes('PENDING') && states.includes('SUCCESS'), String(states));
  });

  it('shows ready-for-review and convert-to-draft events, and the repository fields the client reads', async () => {
    const s = ctx.fg.scenario;
    const p = addPull(s, { repo: 'acme/web', title: 'Draft first', author: 'sofia', draft: true }, NOW);
    requestReview(s, p, { user: 'lead' }, new Date('2025-06-09T09:00:00Z'));
    setDraft(s, p, false, new Date('2025-06-10T09:00:00Z'));
    const res = await gql(ctx.fg, `{ repository(owner: "acme", name: "web") { nameWithOwner defaultBranchRef { name target { ... on Commit { oid statusCheckRollup { state } } } }
      pullRequest(number: ${p.number}) { isDraft timelineItems(first: 10, itemTypes: [READY_FOR_REVIEW_EVENT, REVIEW_REQUESTED_EVENT]) { filteredCount nodes { __typename ... on ReadyForReviewEvent { createdAt } } } } } }`);
    const repo = res.body.data.repository;
    assert.deepEqual(repo.defaultBranchRef.name, 'develop');
    assert.equal(repo.defaultBranchRef.target.oid, s.repos.find((r) => r.name === 'web')!.branches['develop']);
    assert.equal(repo.defaultBranchRef.target.statusCheckRollup.state, 'SUCCESS');
    assert.equal(repo.pullRequest.isDraft, false);
    assert.deepEqual(repo.pullRequest.timelineItems.nodes.map((n: Json) => n.__typename), ['ReviewRequestedEvent', 'ReadyForReviewEvent']);
    const api = await gql(ctx.fg, '{ repository(owner: "acme", name: "api") { defaultBranchRef { target { ... on Commit { statusCheckRollup { state contexts(first: 10) { nodes { __typename ... on CheckRun { name conclusion } ... on StatusContext { context state } } } } } } } } }');
    const rollup = api.body.data.repository.defaultBranchRef.target.statusCheckRollup;
    assert.equal(rollup.state, 'FAILURE', 'acme/api main is red');
    assert.deepEqual(rollup.contexts.nodes.map((n: Json) => n.name ?? n.context), ['build', 'lint', 'codecov/project']);
  });
});

describe('fake GitHub — GraphQL for the Morning Review and team lookups', () => {
  const ctx = useFake();

  it('answers an aliased per-repo query: incidents, milestones with counts, team members, teammates\' queues', async () => {
    const q = `query MorningReview($incidents: String!) {
      incidents: search(type: ISSUE, query: $incidents, first: 50) { issueCount nodes { ... on Issue { number title createdAt url labels(first: 10) { nodes { name } } assignees(first: 5) { nodes { login } } repository { nameWithOwner } } } }
      api: repository(owner: "acme", name: "api") { ...Milestones defaultBranchRef { name target { ... on Commit { oid statusCheckRollup { state } } } } }
      web: repository(owner: "acme", name: "web") { ...Milestones }
      mira: user(login: "mira") { login name }
      miraQueue: search(type: ISSUE, query: "is:pr is:open review-requested:mira", first: 20) { issueCount }
      acme: organization(login: "acme") { team(slug: "platform") { slug members(first: 20) { nodes { login } } } }
      nobody: user(login: "no-such-user") { login }
    }
    fragment Milestones on Repository {
      milestones(states: OPEN, first: 10, orderBy: { field: DUE_DATE, direction: ASC }) { nodes {
        number title dueOn url progressPercentage
        open: issues(states: OPEN) { totalCount }
        closed: issues(states: CLOSED) { totalCount }
        recentlyClosed: issues(states: CLOSED, first: 50, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { closedAt } }
      } }
    }`;
    const res = await gql(ctx.fg, q, { incidents: 'is:issue is:open label:sev1,sev2,sev3,incident repo:acme/api repo:acme/web repo:acme/infra' });
    assert.deepEqual(res.body.errors.map((e: Json) => [e.type, e.path]), [['NOT_FOUND', ['nobody']]]);
    const d = res.body.data;
    const restIncidents = (await raw(ctx.fg, `/search/issues?q=${encodeURIComponent('is:issue is:open label:sev1,sev2,sev3,incident repo:acme/api repo:acme/web repo:acme/infra')}`)).body;
    assert.equal(d.incidents.issueCount, restIncidents.total_count);
    const v24 = d.api.milestones.nodes.find((m: Json) => m.title === 'v2.4 Release');
    const restV24 = (await raw(ctx.fg, '/repos/acme/api/milestones')).body.find((m: Json) => m.title === 'v2.4 Release');
    assert.deepEqual([v24.open.totalCount, v24.closed.totalCount, v24.dueOn], [restV24.open_issues, restV24.closed_issues, restV24.due_on]);
    assert.equal(v24.progressPercentage, 30);
    assert.equal(d.api.defaultBranchRef.target.statusCheckRollup.state, 'FAILURE');
    assert.deepEqual(d.mira, { login: 'mira', name: 'Mira Patel' });
    assert.equal(d.miraQueue.issueCount, (await raw(ctx.fg, '/search/issues?q=is:pr+is:open+review-requested:mira')).body.total_count);
    assert.deepEqual(d.acme.team.members.nodes.map((n: Json) => n.login), ['lead', 'mira', 'tomas', 'jun']);
    assert.equal(d.nobody, null);
  });

  it('resolves every field of a wide PR query for every demo PR without a null where the schema forbids one', async () => {
    const q = `{ search(type: ISSUE, query: "is:pr", first: 100) { nodes { ... on PullRequest {
      id databaseId number title body bodyText url permalink resourcePath state closed closedAt merged mergedAt locked isDraft createdAt updatedAt publishedAt
      additions deletions changedFiles headRefName headRefOid baseRefName baseRefOid mergeable reviewDecision totalCommentsCount authorAssociation
      author { __typename login url avatarUrl } mergedBy { login } repository { id name nameWithOwner url isPrivate isArchived owner { login } }
      statusCheckRollup { state contexts(first: 10) { totalCount nodes { __typename ... on CheckRun { name status conclusion startedAt completedAt url } ... on StatusContext { context state targetUrl createdAt } } } }
      commits(first: 5) { totalCount nodes { id url commit { oid abbreviatedOid committedDate messageHeadline url status { state } } } }
      comments(first: 5) { totalCount nodes { id body url createdAt author { login } } }
      reviews(first: 5) { totalCount nodes { id state body submittedAt url author { login } commit { oid } } }
      latestOpinionatedReviews(first: 5) { nodes { state author { login } } }
      participants(first: 5) { nodes { login } }
      headRef { name target { oid } } baseRef { name }
      timelineItems(first: 50) { totalCount filteredCount pageCount updatedAt nodes { __typename
        ... on ReviewRequestedEvent { id createdAt actor { login } requestedReviewer { __typename } pullRequest { number } }
        ... on ReviewRequestRemovedEvent { id createdAt }
        ... on IssueComment { id body author { login } }
        ... on PullRequestReview { id state author { login } }
        ... on ClosedEvent { id createdAt url stateReason }
        ... on LabeledEvent { label { name color } } } }
    } } } }`;
    const res = await gql(ctx.fg, q);
    assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    assert.ok(res.body.data.search.nodes.length >= 14);
  });
});

/** The client's REST reading (GitHubClient.ciState): check runs and the combined status folded into one state. */
function ciFromRest(runs: Json[], status: Json): string {
  const states: string[] = runs.map((r) => (r.status !== 'completed' ? 'pending' : ['success', 'neutral', 'skipped'].includes(r.conclusion) ? 'success' : 'failure'));
  if (status.total_count > 0) states.push(status.state === 'success' ? 'success' : status.state === 'pending' ? 'pending' : 'failure');
  if (states.includes('failure')) return 'failure';
  if (states.includes('pending')) return 'pending';
  return states.length ? 'success' : 'none';
}

function ciFromRollup(state: string | undefined): string {
  if (state === undefined) return 'none';
  return state === 'SUCCESS' ? 'success' : state === 'PENDING' || state === 'EXPECTED' ? 'pending' : 'failure';
}
