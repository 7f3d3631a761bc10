/** Health checks against real local HTTP(S) servers: status, redirects, timeouts, no credentials, bounded bodies. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MAX_BODY_BYTES, readLastPassed, redirectTarget, runHealthCheck, runHealthChecks, type FetchLike } from '../../../src/review/healthChecks';
import type { HealthCheck } from '../../../src/settings';

/** A memento as VS Code keeps one: values go through JSON on the way in and out. */
function jsonMemento(initial: Record<string, unknown> = {}) {
  const memory = new Map<string, string>(Object.entries(initial).map(([k, v]) => [k, JSON.stringify(v)]));
  return {
    get: <T>(k: string, d: T): T => (memory.has(k) ? (JSON.parse(memory.get(k)!) as T) : d),
    update: async (k: string, v: unknown) => { memory.set(k, JSON.stringify(v)); },
    raw: (k: string): unknown => JSON.parse(memory.get(k) ?? 'null'),
  };
}

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
    // The object shape older versions saved is read back; the pairs are what is saved now.
    const store = jsonMemento({ 'leadDesk.review.healthLastPassed': { '/down': 5, removed: 7 } });
    const out = await runHealthChecks([check('/ok'), check('/down')], store, 1234);
    assert.deepEqual(out.map((o) => o.lastPassed), [1234, 5]);
    assert.deepEqual(store.raw('leadDesk.review.healthLastPassed'), [['/down', 5], ['/ok', 1234]]);
    const again = await runHealthChecks([check('/ok'), check('/down')], store, 2000);
    assert.deepEqual(again.map((o) => o.lastPassed), [2000, 5]);
  });

  it('shows no "last passed" for a failing check named constructor, toString or __proto__, and keeps their passes apart', async () => {
    const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];
    const store = jsonMemento();
    const failing = await runHealthChecks(names.map((name) => ({ ...check('/down'), name })), store, 1000);
    assert.deepEqual(failing.map((o) => [o.result.name, o.result.ok, o.lastPassed]), names.map((n) => [n, false, null]));
    // Pass two of them: each remembers its own time, through the memento's JSON, and the others stay unknown.
    const mixed = await runHealthChecks(names.map((name) => ({ ...check(name === '__proto__' || name === 'toString' ? '/ok' : '/down'), name })), store, 2000);
    assert.deepEqual(mixed.map((o) => [o.result.name, o.lastPassed]), [['constructor', null], ['toString', 2000], ['__proto__', 2000], ['hasOwnProperty', null], ['valueOf', null]]);
    const later = await runHealthChecks(names.map((name) => ({ ...check('/down'), name })), store, 3000);
    assert.deepEqual(later.map((o) => o.lastPassed), [null, 2000, 2000, null, null]);
  });

  it('reads back whatever was saved: pairs, an old object with own __proto__ keys, or junk', () => {
    assert.deepEqual([...readLastPassed([['a', 1], ['__proto__', 2]])], [['a', 1], ['__proto__', 2]]);
    assert.deepEqual([...readLastPassed(JSON.parse('{"__proto__": 3, "constructor": 4, "bad": "x"}'))], [['__proto__', 3], ['constructor', 4]]);
    for (const junk of [null, undefined, 7, 'text', [['a']], [['a', 'b']], [[1, 2]], [['a', Infinity]], [null]]) {
      assert.deepEqual([...readLastPassed(junk)], [], JSON.stringify(junk));
    }
  });
});

describe('review: health check redirects between https and http', function () {
  this.timeout(15_000);
  // One port that answers TLS and plain HTTP, as a host does on 443 and 80: then a redirect from
  // https to http keeps the same `host`, which is exactly the downgrade a check must refuse.
  let dir: string;
  let ca: Buffer;
  let front: net.Server;
  let plain: http.Server;
  let secure: https.Server;
  let port: number;
  let dispatcher: { close(): Promise<void> } | undefined;
  let trusting: FetchLike;
  const plainRequests: string[] = [];

  const handler = (scheme: string) => (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (scheme === 'http') plainRequests.push(req.url ?? '');
    const p = req.url ?? '/';
    if (p === '/ok') { res.writeHead(200); res.end(`${scheme} ok`); }
    else if (p === '/to-http') { res.writeHead(302, { location: `http://127.0.0.1:${port}/ok` }); res.end(); }
    else if (p === '/to-https') { res.writeHead(301, { location: `https://127.0.0.1:${port}/ok` }); res.end(); }
    else if (p === '/relative') { res.writeHead(302, { location: '/ok' }); res.end(); }
    else { res.writeHead(404); res.end(); }
  };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-desk-tls-'));
    // A throw-away self-signed certificate for 127.0.0.1, trusted by this test's fetch only.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    ca = fs.readFileSync(path.join(dir, 'cert.pem'));
    plain = http.createServer(handler('http'));
    secure = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: ca }, handler('https'));
    front = net.createServer((socket) => {
      socket.once('data', (chunk) => {
        socket.pause();
        socket.unshift(chunk);
        // A TLS connection opens with a handshake record (0x16); anything else is plain HTTP.
        (chunk[0] === 0x16 ? secure : plain).emit('connection', socket);
        process.nextTick(() => socket.resume());
      });
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    port = (front.address() as AddressInfo).port;
    // Node's fetch has no `ca` option; its own undici Agent (the global dispatcher's class) takes one.
    await fetch(`http://127.0.0.1:${port}/ok`);
    const global = (globalThis as Record<symbol, unknown>)[Symbol.for('undici.globalDispatcher.1')] as { constructor: new (o: object) => { close(): Promise<void> } } | undefined;
    assert.ok(global, "Node's fetch dispatcher is reachable");
    const agent = new global.constructor({ connect: { ca } });
    dispatcher = agent;
    trusting = (url, init) => fetch(url, { ...init, dispatcher: agent } as RequestInit);
  });
  after(async () => {
    await dispatcher?.close();
    for (const s of [plain, secure]) s.closeAllConnections();
    await new Promise<void>((resolve) => front.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const check = (url: string): HealthCheck => ({ name: url, url, expectedStatus: 200, timeoutMs: 3000 });

  it('passes over https with the test certificate (the setup works)', async () => {
    const r = await runHealthCheck(check(`https://127.0.0.1:${port}/ok`), trusting);
    assert.deepEqual([r.ok, r.status, r.snippet], [true, 200, 'https ok']);
  });

  it('refuses a same-host redirect from https down to http, and sends nothing over http', async () => {
    plainRequests.length = 0;
    const r = await runHealthCheck(check(`https://127.0.0.1:${port}/to-http`), trusting);
    assert.equal(r.ok, false);
    assert.equal(r.status, 302);
    assert.equal(r.problem, `redirects from https to plain http (http://127.0.0.1:${port}); not followed`);
    assert.deepEqual(plainRequests, []);
  });

  it('follows a same-host redirect from http up to https, and a relative one that stays on https', async () => {
    const up = await runHealthCheck(check(`http://127.0.0.1:${port}/to-https`), trusting);
    assert.deepEqual([up.ok, up.status, up.snippet], [true, 200, 'https ok']);
    const relative = await runHealthCheck(check(`https://127.0.0.1:${port}/relative`), trusting);
    assert.deepEqual([relative.ok, relative.snippet], [true, 'https ok']);
  });

  it('decides each redirect on the default ports, where https and http share a host', () => {
    const first = new URL('https://status.example.com/health');
    assert.equal(redirectTarget(first, first, 'http://status.example.com/health'), 'redirects from https to plain http (http://status.example.com); not followed');
    assert.equal(redirectTarget(first, first, '//status.example.com:80/health'), 'redirects to another host (status.example.com:80); not followed');
    assert.equal(String(redirectTarget(first, first, '/v2/health')), 'https://status.example.com/v2/health');
    const plainFirst = new URL('http://status.example.com/health');
    assert.equal(String(redirectTarget(plainFirst, plainFirst, 'https://status.example.com/health')), 'https://status.example.com/health');
    // Once on https, a later hop cannot go back to http.
    assert.match(String(redirectTarget(plainFirst, new URL('https://status.example.com/health'), 'http://status.example.com/x')), /https to plain http/);
    assert.match(String(redirectTarget(first, first, 'https://user:pw@status.example.com/')), /credentials/);
    assert.match(String(redirectTarget(first, first, 'https://evil.example/')), /another host \(evil\.example\)/);
    assert.match(String(redirectTarget(first, first, 'http://[::1')), /not a URL/);
  });
});
