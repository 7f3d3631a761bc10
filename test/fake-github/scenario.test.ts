// The ready-made scenarios hold the situations the product depends on, and the CLI serves them.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { emptyScenario, isPull } from './scenario';
import { bigScenario, businessDaysBefore, demoScenario } from './scenarios';
import { NOW } from './test-support';

describe('fake GitHub — scenarios', () => {
  it('counts business days backwards over weekends', () => {
    const monday = new Date('2025-06-09T10:00:00Z');
    assert.equal(businessDaysBefore(monday, 1).toISOString(), '2025-06-06T10:00:00.000Z');
    assert.equal(businessDaysBefore(NOW, 3).toISOString(), '2025-06-06T10:00:00.000Z');
  });

  it('gives the lead a review queue with SLA breaches, a draft and team requests', () => {
    const s = demoScenario(NOW);
    const mine = s.pulls.filter((p) => p.state === 'open' && (p.requestedReviewers.includes('lead') || p.requestedTeams.some((t) => ['acme/platform', 'acme/sre'].includes(t))));
    assert.equal(mine.length, 8);
    assert.equal(mine.filter((p) => p.draft).length, 1);
    assert.ok(mine.filter((p) => p.requestedTeams.includes('acme/platform')).length >= 2);
    const requestedAt = (n: number, repo: string): number => Date.parse(s.timeline.find((e) => e.event === 'review_requested' && e.issue === n && e.repo === repo)!.createdAt);
    const breaching = mine.filter((p) => requestedAt(p.number, p.repo) <= businessDaysBefore(NOW, 3).getTime());
    assert.ok(breaching.length >= 3, `${breaching.length} PRs waiting 3+ business days`);
    const sizes = mine.map((p) => p.additions + p.deletions);
    assert.ok(Math.min(...sizes) < 50 && Math.max(...sizes) > 1000, 'small and huge PRs');
  });

  it('has six named teammates, three repos, incidents, milestones and a dozen notifications', () => {
    const s = demoScenario(NOW);
    assert.equal(s.users.filter((u) => u.login !== 'lead' && u.type !== 'Bot' && u.name).length, 6);
    assert.deepEqual(s.repos.map((r) => `${r.owner}/${r.name}`), ['acme/api', 'acme/web', 'acme/infra']);
    for (const sev of ['sev1', 'sev2', 'sev3']) assert.ok(s.issues.some((i) => i.state === 'open' && i.labels.includes(sev)), sev);
    const open = s.milestones.filter((m) => m.state === 'open');
    assert.equal(open.length, 3);
    const atRisk = open.filter((m) => m.dueOn && Date.parse(m.dueOn) - NOW.getTime() < 7 * 86_400_000 && (m.openIssues ?? 0) > (m.closedIssues ?? 0));
    assert.deepEqual(atRisk.map((m) => m.title), ['v2.4 Release']);
    assert.ok(s.notifications.length >= 12);
    assert.ok(new Set(s.notifications.map((n) => n.reason)).size >= 7);
    assert.ok(s.pulls.some((p) => p.author === 'lead' && p.state === 'open' && p.requestedReviewers.length > 0));
    assert.ok(s.issues.some((i) => i.author === 'lead' && i.assignees.length > 0 && !i.assignees.includes('lead')));
    assert.ok(s.pulls.every(isPull) && !s.issues.some(isPull));
  });

  it('is deterministic for a given time', () => {
    assert.deepEqual(demoScenario(NOW), demoScenario(NOW));
    assert.deepEqual(JSON.parse(JSON.stringify(demoScenario(NOW))), demoScenario(NOW), 'plain JSON data');
  });

  it('builds big and empty worlds', () => {
    const big = bigScenario({ repos: 50, pulls: 500, now: NOW });
    assert.equal(big.repos.length, 50);
    assert.equal(big.pulls.filter((p) => p.state === 'open').length, 500);
    assert.equal(big.pulls.filter((p) => p.requestedTeams.length > 0).length, 250);
    const empty = emptyScenario();
    assert.equal(empty.me, 'lead');
    assert.equal(empty.pulls.length + empty.issues.length + empty.repos.length, 0);
  });
});

describe('fake GitHub — CLI', function () {
  this.timeout(30_000);

  it('prints {url, token} as one JSON line, serves the demo, and exits on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-github-cli-'));
    const out = path.join(dir, 'cli.js');
    // Bundle the CLI the way esbuild.mjs does (the esbuild CLI, so this suite need not bundle esbuild).
    execFileSync(path.resolve('node_modules/.bin/esbuild'), ['test/fake-github/cli.ts', '--bundle', '--platform=node', '--format=cjs', '--target=node20', `--outfile=${out}`, '--log-level=error']);
    const child = spawn(process.execPath, [out, '--port', '0', '--scenario', 'demo', '--token', 'demo-token'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let buf = '';
        child.stdout.on('data', (c: Buffer) => {
          buf += c.toString();
          if (buf.includes('\n')) resolve(buf.split('\n')[0] ?? '');
        });
        child.once('exit', (code) => reject(new Error(`cli exited early with ${code}`)));
      });
      const info = JSON.parse(line) as { url: string; token: string };
      assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(info.token, 'demo-token');
      const res = await fetch(`${info.url}/user`, { headers: { authorization: `Bearer ${info.token}` } });
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { login: string }).login, 'lead');
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
