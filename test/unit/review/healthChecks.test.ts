/** Health checks against a real local HTTP server: status, redirects, timeouts, no credentials, bounded bodies. */
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_BODY_BYTES, runHealthCheck, runHealthChecks } from '../../../src/review/healthChecks';
import type { HealthCheck } from '../../../src/settings';

describe('review: health checks', function () {
  this.timeout(10_000);
  let server: http.Server;
  let base: string;
  const seen: http.IncomingHttpHeaders[] = [];
  let bodyBytesSent = 0;

  before(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.headers);
      const path = req.url ?? '/';
      if (path === '/ok') { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"status":"ok",\n"db":"up"}'); }
      else if (path === '/down') { res.writeHead(503); res.end('<h1>Service Unavailable</h1>'); }
      else if (path === '/elsewhere') { res.writeHead(302, { location: 'https://evil.example/collect' }); res.end(); }
      else if (path === '/moved') { res.writeHead(301, { location: '/ok' }); res.end(); }
      else if (path === '/loop') { res.writeHead(302, { location: '/loop' }); res.end(); }
      else if (path === '/slow') { setTimeout(() => { if (!res.destroyed) { res.writeHead(200); res.end('late'); } }, 2000); }
      else if (path === '/huge') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(16 * 1024, 'a');
        let sent = 0;
        const pump = () => {
          while (sent < 4 * 1024 * 1024) {
            sent += chunk.length;
            bodyBytesSent = sent;
            if (!res.write(chunk)) { res.once('drain', pump); return; }
          }
          res.end();
        };
        res.on('close', () => { sent = Infinity; });
        pump();
      } else { res.writeHead(404); res.end(); }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));

  const check = (path: string, extra: Partial<HealthCheck> = {}): HealthCheck => ({ name: path, url: `${base}${path}`, expectedStatus: 200, timeoutMs: 1000, ...extra });

  it('passes on the expected status, with latency and a one-line snippet, and sends no credentials', async () => {
    seen.length = 0;
    const r = await runHealthCheck(check('/ok'));
    assert.equal(r.ok, true);
    assert.equal(r.status, 200);
    assert.equal(r.problem, null);
    assert.ok(r.latencyMs >= 0 && r.latencyMs < 1000);
    assert.equal(r.snippet, '{"status":"ok", "db":"up"}');
    assert.equal(seen[0]!.authorization, undefined);
    assert.equal(seen[0]!.cookie, undefined);
  });

  it('fails on another status and shows the body as text', async () => {
    const r = await runHealthCheck(check('/down'));
    assert.equal(r.ok, false);
    assert.equal(r.status, 503);
    assert.equal(r.problem, 'expected 200');
    assert.equal(r.snippet, '<h1>Service Unavailable</h1>');
  });

  it('does not follow a redirect to another host', async () => {
    const r = await runHealthCheck(check('/elsewhere'));
    assert.equal(r.ok, false);
    assert.equal(r.status, 302);
    assert.match(r.problem!, /redirects to another host \(evil\.example\)/);
  });

  it('follows a redirect on the same host, and passes a redirect that is the expected status', async () => {
    assert.equal((await runHealthCheck(check('/moved'))).ok, true);
    assert.equal((await runHealthCheck(check('/moved', { expectedStatus: 301 }))).ok, true);
    assert.equal((await runHealthCheck(check('/loop'))).problem, 'too many redirects');
  });

  it('times out', async () => {
    const started = Date.now();
    const r = await runHealthCheck(check('/slow', { timeoutMs: 200 }));
    assert.equal(r.ok, false);
    assert.equal(r.status, null);
    assert.equal(r.problem, 'timed out after 200 ms');
    assert.ok(Date.now() - started < 1500);
  });

  it('reads at most 64 KB of a body and shows a short snippet', async () => {
    const r = await runHealthCheck(check('/huge', { timeoutMs: 5000 }));
    assert.equal(r.ok, true);
    assert.ok(r.snippet.length <= 160);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(bodyBytesSent < 4 * 1024 * 1024, `stopped reading after ~${MAX_BODY_BYTES} bytes (server sent ${bodyBytesSent})`);
  });

  it('refuses URLs with credentials and unreachable hosts cleanly', async () => {
    const creds = await runHealthCheck({ name: 'c', url: `http://user:secret@127.0.0.1:1/x`, expectedStatus: 200, timeoutMs: 500 });
    assert.match(creds.problem!, /credentials/);
    const refused = await runHealthCheck({ name: 'r', url: 'http://127.0.0.1:1/health', expectedStatus: 200, timeoutMs: 1000 });
    assert.equal(refused.ok, false);
    assert.match(refused.problem!, /unreachable/);
  });

  it('remembers when each check last passed', async () => {
    const memory = new Map<string, unknown>([['leadDesk.review.healthLastPassed', { '/down': 5, removed: 7 }]]);
    const store = { get: <T>(k: string, d: T) => (memory.has(k) ? (memory.get(k) as T) : d), update: async (k: string, v: unknown) => { memory.set(k, v); } };
    const out = await runHealthChecks([check('/ok'), check('/down')], store, 1234);
    assert.deepEqual(out.map((o) => o.lastPassed), [1234, 5]);
    assert.deepEqual(memory.get('leadDesk.review.healthLastPassed'), { '/ok': 1234, '/down': 5 });
  });
});
