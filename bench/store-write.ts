/*
 * Write latency of a timer switch with 1k and with 50k entries already in history.
 *
 * The month shards are prefilled directly (40 entries a day, going back from now, so both runs
 * have a month's worth in the current shard), then `TimeStore.start` is timed: the locked
 * commit of timer.json, the write of the closed entry into its month shard, the journal clear.
 * Heartbeats (timer.json only) are timed too. Prints one JSON line, then a table.
 * Goal: p50 with 50k ≤ 1.5 × p50 with 1k (the sharding makes history size irrelevant).
 *
 *   node dist/bench/store-write.js [switches=300]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TimeEntry } from '../src/core/timeEntry';
import { monthKey, timeShardName, TimeStore } from '../src/store';

const PER_DAY = 40;
const HISTORY_SIZES = [1_000, 50_000];
const SWITCHES = Number(process.argv[2] ?? 300);
const WARMUP = 20;

interface Figures {
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
}

function figures(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (x: number) => Math.round(x * 100) / 100;
  return { p50: round(at(0.5)), p99: round(at(0.99)), mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length) };
}

/** Write `count` closed entries ending before `now` straight into their month shards. */
function prefill(dir: string, count: number, now: number): void {
  const step = 86_400_000 / PER_DAY;
  const byMonth = new Map<string, TimeEntry[]>();
  for (let i = count; i >= 1; i--) {
    const start = now - i * step;
    const entry: TimeEntry = {
      id: `seed-${i}`, mode: i % 3 ? 'technical' : 'managerial', start, end: start + step, heartbeat: start + step, closedBy: 'user',
    };
    const month = monthKey(start);
    byMonth.set(month, [...(byMonth.get(month) ?? []), entry]);
  }
  fs.mkdirSync(path.join(dir, 'time'), { recursive: true });
  for (const [month, entries] of byMonth) {
    fs.writeFileSync(path.join(dir, timeShardName(month)), JSON.stringify({ version: 1, month, entries }));
  }
}

async function measure(history: number): Promise<{ switch: Figures; heartbeat: Figures; shards: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-desk-bench-'));
  try {
    let clock = Date.now();
    prefill(dir, history, clock);
    const time = await TimeStore.open(dir);
    const switches: number[] = [];
    const heartbeats: number[] = [];
    for (let i = 0; i < WARMUP + SWITCHES; i++) {
      clock += 1000;
      const started = performance.now();
      await time.start(i % 2 ? 'technical' : 'managerial', clock);
      if (i >= WARMUP) switches.push(performance.now() - started);
      if (i % 3 === 0) {
        const beat = performance.now();
        await time.heartbeat(clock + 500);
        if (i >= WARMUP) heartbeats.push(performance.now() - beat);
      }
    }
    time.dispose();
    return { switch: figures(switches), heartbeat: figures(heartbeats), shards: fs.readdirSync(path.join(dir, 'time')).length };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
  for (const size of HISTORY_SIZES) results[size] = await measure(size);
  const [small, large] = HISTORY_SIZES.map((s) => results[s]);
  const ratioP50 = Math.round((large.switch.p50 / small.switch.p50) * 100) / 100;
  const ratioP99 = Math.round((large.switch.p99 / small.switch.p99) * 100) / 100;
  console.log(JSON.stringify({
    bench: 'store-write', unit: 'ms', switches: SWITCHES, results, ratioP50, ratioP99,
    goal: 'switch p50 with 50k <= 1.5 x with 1k', pass: ratioP50 <= 1.5,
  }));
  console.log('\nhistory   shards   switch p50   switch p99   switch mean   heartbeat p50   heartbeat p99');
  for (const size of HISTORY_SIZES) {
    const r = results[size];
    const cells = [r.switch.p50, r.switch.p99, r.switch.mean].map((x) => `${x.toFixed(2)} ms`.padStart(11));
    const beats = [r.heartbeat.p50, r.heartbeat.p99].map((x) => `${x.toFixed(2)} ms`.padStart(14));
    console.log(`${String(size).padStart(7)}   ${String(r.shards).padStart(6)}   ${cells.join('  ')}   ${beats.join('  ')}`);
  }
  console.log(`\n50k / 1k: p50 ×${ratioP50}, p99 ×${ratioP99} (goal p50 ≤ ×1.5: ${ratioP50 <= 1.5 ? 'met' : 'MISSED'})`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
