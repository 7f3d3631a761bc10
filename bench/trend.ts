/*
 * The 8-week balance trend with 50k entries of history (and 1k, to compare): the time from
 * asking the store for the trend's range to the finished report the panel posts to its webview
 * (TimeStore.entriesBetween + buildBalanceReport), cold (a store just opened: the month shards
 * are read and parsed) and warm (the panel's refresh on a change or its minute tick). It also
 * counts the month shards read: only those the range needs, whatever the history. With meetings:
 * a connected calendar's 8 weeks of meetings (6 a working day, some overlapping) in calendars.json,
 * credited as managerial time in every figure of the report; the cold figure includes opening
 * (reading and checking) calendars.json.
 * The webview's own drawing of the finished report (8 bars, two charts, three small tables) does
 * not depend on the history; test/integration/panels.test.ts logs it.
 * Goal: 8 weeks within 100 ms with 50k entries. Prints one JSON line, then a table.
 *
 * Each history size runs in a fresh process, so the cold figure includes a cold JIT, as the
 * first open of the panel in a new window does.
 *
 *   node dist/bench/trend.js [runs=30]
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildBalanceReport, reportRange } from '../src/balance/report';
import { CALENDARS_FILE, CalendarStore } from '../src/calendar/calendarStore';
import type { Meeting } from '../src/core/calendar';
import { meetingCredit } from '../src/core/calendarTime';
import type { TimeEntry } from '../src/core/timeEntry';
import { monthKey, timeShardName, TimeStore, type StoreFs } from '../src/store';
import { nodeStoreFs } from '../src/store/engine/storeFs';

const PER_DAY = 40;
const HISTORY_SIZES = [1_000, 50_000];
const RUNS = Number(process.argv[2] ?? 30);
const GOAL_MS = 100;
const NOTES = ['#1:1 with Mira', '#review PR 12', '#hiring panel', 'planning', undefined];

/** `count` closed entries ending now, 40 a day, written straight into their month shards. */
function prefill(dir: string, count: number, now: number): void {
  const step = 86_400_000 / PER_DAY;
  const byMonth = new Map<string, TimeEntry[]>();
  for (let i = count; i >= 1; i--) {
    const start = now - i * step;
    const note = NOTES[i % NOTES.length];
    const entry: TimeEntry = {
      id: `seed-${i}`, mode: i % 3 ? 'technical' : 'managerial', start, end: start + step, heartbeat: start + step, closedBy: 'user',
      ...(note ? { note } : {}), ...(i % 7 === 0 ? { auto: 'edits' as const } : {}),
    };
    const month = monthKey(start);
    const list = byMonth.get(month) ?? [];
    list.push(entry);
    byMonth.set(month, list);
  }
  fs.mkdirSync(path.join(dir, 'time'), { recursive: true });
  for (const [month, entries] of byMonth) fs.writeFileSync(path.join(dir, timeShardName(month)), JSON.stringify({ version: 1, month, entries }));
}

/** 8 weeks of meetings ending now, 6 on each working day from 09:00 (two of them overlapping), in calendars.json. */
function prefillMeetings(dir: string, now: number): number {
  const meetings: Meeting[] = [];
  for (let d = 56; d >= 0; d--) {
    const day = new Date(now - d * 86_400_000);
    if (day.getDay() === 0 || day.getDay() === 6) continue;
    day.setHours(9, 0, 0, 0);
    for (const [i, [startMin, minutes]] of [[0, 15], [60, 60], [90, 45], [240, 30], [300, 60], [420, 30]].entries()) {
      const start = day.getTime() + startMin! * 60_000;
      meetings.push({ key: `m-${d}-${i}@${start}`, start, end: start + minutes! * 60_000, title: `Meeting ${i}`, attendees: ['lead@example.com', `mate${i}@example.com`] });
    }
  }
  const calendar = { id: 'work', label: 'calendar.example.com', fetchedAt: now, checkedAt: now, meetings };
  fs.writeFileSync(path.join(dir, CALENDARS_FILE), JSON.stringify({ version: 1, calendars: { work: calendar } }));
  return meetings.length;
}

/** node:fs, counting the month shards read. */
function countingFs(): { fs: StoreFs; shardsRead: Set<string> } {
  const shardsRead = new Set<string>();
  const readFile = ((file: fs.PathLike, ...rest: unknown[]) => {
    const name = String(file);
    if (/[\\/]time[\\/]\d{4}-\d{2}\.json$/.test(name)) shardsRead.add(path.basename(name));
    return (nodeStoreFs.promises.readFile as (...a: unknown[]) => Promise<unknown>)(file, ...rest);
  }) as typeof nodeStoreFs.promises.readFile;
  return { fs: { ...nodeStoreFs, promises: { ...nodeStoreFs.promises, readFile } }, shardsRead };
}

interface Figures { readonly p50: number; readonly max: number }

function figures(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { p50: round(sorted[Math.floor(sorted.length / 2)]!), max: round(sorted[sorted.length - 1]!) };
}

async function measure(history: number): Promise<{ cold: number; warm: Figures; shardsOnDisk: number; shardsRead: string[]; entriesInRange: number; weeks: number; meetings: number; meetingHours: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-desk-bench-trend-'));
  try {
    const now = Date.now();
    prefill(dir, history, now);
    const meetings = prefillMeetings(dir, now);
    const counting = countingFs();
    const time = await TimeStore.open(dir, { fs: counting.fs });
    const started = performance.now();
    const calendars = await CalendarStore.open(dir);
    const build = async () => {
      const { from, to } = reportRange(now);
      const entries = await time.entriesBetween(from, to);
      return { entries, report: buildBalanceReport(entries, now, 60, meetingCredit(calendars.meetingsBetween(from, to), 'meeting')) };
    };
    const first = await build();
    const cold = Math.round((performance.now() - started) * 100) / 100;
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await build();
      warm.push(performance.now() - t);
    }
    time.dispose();
    calendars.dispose();
    return {
      meetings, meetingHours: Math.round(first.report.trend.reduce((sum, w) => sum + w.meetingMs, 0) / 3_600_000),
      cold, warm: figures(warm),
      shardsOnDisk: fs.readdirSync(path.join(dir, 'time')).length,
      shardsRead: [...counting.shardsRead].sort(),
      entriesInRange: first.entries.length,
      weeks: first.report.trend.length,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const only = process.argv[3];
  if (only !== undefined) {
    console.log(JSON.stringify(await measure(Number(only))));
    return;
  }
  const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
  for (const size of HISTORY_SIZES) {
    const out = execFileSync(process.execPath, [__filename, String(RUNS), String(size)], { encoding: 'utf8' });
    results[size] = JSON.parse(out.trim().split('\n').pop()!) as Awaited<ReturnType<typeof measure>>;
  }
  const large = results[HISTORY_SIZES[HISTORY_SIZES.length - 1]!]!;
  const pass = large.cold <= GOAL_MS && large.warm.p50 <= GOAL_MS;
  console.log(JSON.stringify({ bench: 'trend', unit: 'ms', runs: RUNS, results, goal: `8 weeks within ${GOAL_MS} ms with 50k entries and 8 weeks of meetings (cold and warm)`, pass }));
  console.log('\nhistory   shards on disk   shards read   entries in 8 weeks   cold (first open)   warm p50   warm max');
  for (const size of HISTORY_SIZES) {
    const r = results[size]!;
    console.log(`${String(size).padStart(7)}   ${String(r.shardsOnDisk).padStart(14)}   ${String(r.shardsRead.length).padStart(11)}   ${String(r.entriesInRange).padStart(18)}   ${`${r.cold.toFixed(1)} ms`.padStart(17)}   ${`${r.warm.p50.toFixed(1)} ms`.padStart(8)}   ${`${r.warm.max.toFixed(1)} ms`.padStart(8)}`);
  }
  console.log(`\n50k: shards read ${large.shardsRead.join(', ')}; ${large.meetings} meetings (${large.meetingHours} h credited); goal ≤ ${GOAL_MS} ms: ${pass ? 'met' : 'MISSED'}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
