// Each fault kind the fake can inject, and how faults are matched to requests.
import assert from 'node:assert/strict';
import { startFakeGitHub } from './server';
import { demoScenario } from './scenarios';
import { NOW, hasStatus, octokitFor, raw, useFake } from './test-support';

describe('fake GitHub — fault injection', () => {
  const ctx = useFake();
  afterEach(() => ctx.fg.clearFaults());

  it('replaces the response with {status, body, headers}, only `times` times', async () => {
    ctx.fg.inject('GET /repos/{owner}/{repo}/pulls', { status: 502, body: { message: 'Server Error' }, headers: { 'x-fault': 'yes' }, times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await raw(ctx.fg, '/repos/acme/api/pulls');
      assert.equal(res.status, 502);
      assert.deepEqual(res.body, { message: 'Server Error' });
      assert.equal(res.headers.get('x-fault'), 'yes');
    }
    assert.equal((await raw(ctx.fg, '/repos/acme/api/pulls')).status, 200);
  });

  it('gives a status-only fault GitHub\'s error body', async () => {
    ctx.fg.inject('/user', { status: 503 });
    const res = await raw(ctx.fg, '/user');
    assert.equal(res.status, 503);
    assert.equal(res.body.message, 'Service Unavailable');
    await assert.rejects(octokitFor(ctx.fg).rest.users.getAuthenticated(), hasStatus(503));
  });

  it('delays a response by delayMs', async () => {
    ctx.fg.inject('GET /user', { delayMs: 250, times: 1 });
    const started = Date.now();
    const res = await raw(ctx.fg, '/user');
    assert.equal(res.status, 200);
    assert.ok(Date.now() - started >= 240, `took ${Date.now() - started} ms`);
    const fast = Date.now();
    await raw(ctx.fg, '/user');
    assert.ok(Date.now() - fast < 200);
  });

  it('sends truncated JSON for malformed', async () => {
    ctx.fg.inject('GET /repos/acme/api', { malformed: true, times: 1 });
    const res = await fetch(`${ctx.fg.url}/repos/acme/api`, { headers: { authorization: `token ${ctx.fg.token}` } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    const text = await res.text();
    assert.ok(text.startsWith('{"id":'));
    assert.throws(() => JSON.parse(text), SyntaxError);
    const good = await raw(ctx.fg, '/repos/acme/api');
    assert.ok(good.text.startsWith(text), 'the truncated body is a prefix of the real one');
  });

  it('nulls chosen fields (with * over arrays) and applies transforms', async () => {
    ctx.fg.inject('GET /search/issues', { nullFields: ['items.*.user', 'total_count'], times: 1 });
    const nulled = await raw(ctx.fg, '/search/issues?q=is:pr%20is:open');
    assert.equal(nulled.body.total_count, null);
    assert.ok(nulled.body.items.length > 3);
    assert.ok(nulled.body.items.every((i: { user: unknown; title: string }) => i.user === null && typeof i.title === 'string'));
    ctx.fg.inject('GET /repos/{owner}/{repo}/issues', { transform: (body) => (body as unknown[]).slice(0, 1), times: 1 });
    assert.equal((await raw(ctx.fg, '/repos/acme/api/issues')).body.length, 1);
    assert.ok((await raw(ctx.fg, '/repos/acme/api/issues')).body.length > 1);
  });

  it('reports incomplete_results on search when asked', async () => {
    ctx.fg.inject('GET /search/issues', { incompleteResults: true, times: 1 });
    assert.equal((await raw(ctx.fg, '/search/issues?q=is:issue')).body.incomplete_results, true);
    assert.equal((await raw(ctx.fg, '/search/issues?q=is:issue')).body.incomplete_results, false);
  });

  it('matches by template, concrete path, method, RegExp and predicate', async () => {
    ctx.fg.inject('/repos/acme/web/pulls', { status: 500 });
    assert.equal((await raw(ctx.fg, '/repos/acme/web/pulls')).status, 500);
    assert.equal((await raw(ctx.fg, '/repos/acme/api/pulls')).status, 200, 'a concrete path matches only itself');
    ctx.fg.clearFaults();
    ctx.fg.inject('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { status: 500 });
    assert.equal((await raw(ctx.fg, '/repos/acme/api/issues/1/comments')).status, 200, 'GET is not POST');
    assert.equal((await raw(ctx.fg, '/repos/acme/api/issues/1/comments', { method: 'POST', body: { body: 'x' } })).status, 500);
    ctx.fg.clearFaults();
    ctx.fg.inject(/^GET \/repos\/acme\/infra\//, { status: 504 });
    assert.equal((await raw(ctx.fg, '/repos/acme/infra/labels')).status, 504);
    ctx.fg.clearFaults();
    ctx.fg.inject((r) => r.route === '/repos/{owner}/{repo}/milestones' && r.path.includes('/web/'), { status: 418 });
    assert.equal((await raw(ctx.fg, '/repos/acme/web/milestones')).status, 418);
    assert.equal((await raw(ctx.fg, '/repos/acme/api/milestones')).status, 200);
    ctx.fg.clearFaults();
    ctx.fg.inject('*', { status: 500, times: 1 });
    assert.equal((await raw(ctx.fg, '/rate_limit')).status, 500);
    assert.equal((await raw(ctx.fg, '/rate_limit')).status, 200);
  });

  it('applies a write, then fails its answer (afterApply: status, reset, hang)', async () => {
    const comments = async () => (await raw(ctx.fg, '/repos/acme/api/issues/1/comments')).body.length as number;
    const before = await comments();
    ctx.fg.inject('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { afterApply: 502, times: 1 });
    const res = await raw(ctx.fg, '/repos/acme/api/issues/1/comments', { method: 'POST', body: { body: 'stored, then 502' } });
    assert.equal(res.status, 502);
    assert.equal(res.body.message, 'Bad Gateway');
    assert.equal(await comments(), before + 1, 'the comment was stored although the answer is a 502');
    ctx.fg.inject('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { afterApply: 'reset', times: 1 });
    await assert.rejects(raw(ctx.fg, '/repos/acme/api/issues/1/comments', { method: 'POST', body: { body: 'stored, then reset' } }));
    assert.equal(await comments(), before + 2, 'stored although the connection dropped');
    ctx.fg.inject('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { afterApply: 'hang', times: 1 });
    await assert.rejects(fetch(`${ctx.fg.url}/repos/acme/api/issues/1/comments`, {
      method: 'POST', headers: { authorization: `token ${ctx.fg.token}` }, body: JSON.stringify({ body: 'stored, then silence' }), signal: AbortSignal.timeout(300),
    }));
    assert.equal(await comments(), before + 3, 'stored although no answer came');
  });

  it('hangs a request until the client gives up, and close() still returns', async () => {
    const fg = await startFakeGitHub(demoScenario(NOW));
    fg.inject('GET /notifications', { hang: true });
    await assert.rejects(
      fetch(`${fg.url}/notifications`, { headers: { authorization: `token ${fg.token}` }, signal: AbortSignal.timeout(300) }),
      (e: unknown) => e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError'),
    );
    // A second hanging request is still open when the server closes: close() must not wait for it.
    const pending = fetch(`${fg.url}/notifications`, { headers: { authorization: `token ${fg.token}` } }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(fg.requests.at(-1)?.status, null, 'logged, never answered');
    const started = Date.now();
    await fg.close();
    assert.ok(Date.now() - started < 1000);
    assert.ok((await pending) instanceof Error, 'the client sees the connection end');
  });
});
