/*
 * Daily rhythm, in plain Node with the real client and stores:
 * - red-build detection: a first poll and an unchanged one of 10 repos (bigScenario) through
 *   `defaultBranchRuns` + `AlertStore.observe`, counted from the fake's log. Goal: the unchanged
 *   poll costs 0 rate-limit points.
 * - standup notes with warm data: the store reads (time entries of the previous working day in a
 *   store holding 50k entries, tasks, review history) and `standupMarkdown`, the GitHub activity
 *   already fetched (as the feature keeps it for ten minutes). Goal: median ≤ 300 ms.
 *
 *   node dist/bench/rhythm.js
 * Prints one JSON line (prefixed `BENCH-JSON `).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseLocalDate, startOfNextLocalDay } from '../src/core/localDate';
import { standupMarkdown } from '../src/core/standup';
import { dayActivity } from '../src/github/ops/activity';
import { createOctokit } from '../src/github/transport/octokit';
import { RateBudget } from '../src/github/transport/rateBudget';
import { MemoryResponseCache } from '../src/github/transport/responseCache';
import { defaultBranchRuns } from '../src/github/ops/runs';
import { GitHubClient } from '../src/github/client';
import { mapLimited } from '../src/github/transport/mapLimited';
import { previousWorkingDay } from '../src/review/localSections';
import { openStores } from '../src/store';
import { bigScenario, demoScenario, startFakeGitHub } from '../test/fake-github';

async function redBuildPolls(): Promise<Record<string, unknown>> {
  const fake = await startFakeGitHub(bigScenario({ repos: 10, pulls: 20, now: new Date() }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-desk-bench-alerts-'));
  try {
    const stores = await openStores(dir);
    const octokit = createOctokit({ baseUrl: fake.url, token: fake.token, timeoutMs: 30_000, userAgent: 'lead-desk/bench', cache: new MemoryResponseCache(), budget: new RateBudget(), retryBaseMs: 20 });
    const service = new GitHubClient(octokit, new URL(fake.url).host);
    const repos = fake.scenario.repos.map((r) => `${r.owner}/${r.name}`);
    const owner = { origin: new URL(fake.url).origin, account: fake.scenario.me };
    const poll = async () => {
      fake.resetStats();
      const started = performance.now();
      await mapLimited(repos, 4, async (repo) => {
        const { branch, runs } = await defaultBranchRuns(service, repo);
        return stores.alerts.observe(owner, repo, branch, runs, 'all');
      });
      return { ms: Math.round(performance.now() - started), ...fake.stats() };
    };
    const first = await poll();
    const unchanged = await poll();
    await stores.close();
    return { repos: repos.length, first, unchanged, red: Object.values(stores.alerts.state).filter((a) => a.state === 'red').length };
  } finally {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function standupWarm(): Promise<Record<string, unknown>> {
  const now = Date.now();
  const fake = await startFakeGitHub(demoScenario(new Date(now)));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-desk-bench-standup-'));
  try {
    const stores = await openStores(dir);
    // 50k entries of history, 40 a day back from today, as the store-write benchmark seeds them.
    const perDay = 40;
    const entries = [];
    for (let i = 0; i < 50_000; i++) {
      const day = Math.floor(i / perDay);
      const start = now - (day + 1) * 86_400_000 + (i % perDay) * 10 * 60_000;
      entries.push({ mode: i % 3 === 0 ? 'managerial' as const : 'technical' as const, start, end: start + 9 * 60_000, ...(i % 5 === 0 ? { note: `entry ${i}` } : {}) });
    }
    await stores.time.replaceEntries({ from: Math.min(...entries.map((e) => e.start)), to: now - 86_400_000 + 86_400_000 }, entries);
    for (let i = 0; i < 200; i++) await stores.tasks.add({ title: `Task ${i}`, assignee: `dev${i % 7}`, due: null }, now - i * 3_600_000);
    const octokit = createOctokit({ baseUrl: fake.url, token: fake.token, timeoutMs: 30_000, userAgent: 'lead-desk/bench', cache: new MemoryResponseCache(), budget: new RateBudget(), retryBaseMs: 20 });
    const service = new GitHubClient(octokit, new URL(fake.url).host);
    const day = previousWorkingDay(now, [1, 2, 3, 4, 5]);
    const from = parseLocalDate(day).getTime();
    const to = startOfNextLocalDay(from).getTime();
    const activityStarted = performance.now();
    const activity = await dayActivity(service, { from, to }, ['acme/api', 'acme/web', 'acme/infra'], ['sev1', 'sev2', 'sev3', 'incident']);
    const coldActivityMs = Math.round(performance.now() - activityStarted);
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const [dayEntries, tasks, reviews] = await Promise.all([
        stores.time.entriesBetween(from, to), stores.tasks.refresh().then(() => stores.tasks.list()), stores.reviews.list({ since: parseLocalDate(day).getTime() }),
      ]);
      const md = standupMarkdown({
        now, day, entries: dayEntries, technicalTarget: 60, activity, githubNotice: null, waiting: [],
        delegated: { done: tasks.filter((t) => t.doneAt).map((t) => ({ title: t.title, assignee: t.assignee })), overdue: [], reassigned: [] },
        plan: reviews[0] ? { finishedAt: reviews[0].finishedAt, targetPercent: null, notes: [] } : null, running: null,
      }, 'en');
      bytes = md.length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    await stores.close();
    return { historyEntries: entries.length, coldActivityMs, medianMs: +times[10]!.toFixed(2), maxMs: +times[19]!.toFixed(2), markdownChars: bytes };
  } finally {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const red = await redBuildPolls();
  const standup = await standupWarm();
  console.log(`BENCH-JSON ${JSON.stringify({ redBuild: red, standup })}`);
  console.log(`red-build poll, 10 repos: first ${JSON.stringify(red.first)}; unchanged ${JSON.stringify(red.unchanged)}`);
  console.log(`standup notes, warm (50k entries of history): median ${standup.medianMs} ms, max ${standup.maxMs} ms; GitHub activity cold ${standup.coldActivityMs} ms`);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
