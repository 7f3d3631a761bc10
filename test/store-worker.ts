/*
 * A window's worth of store traffic in its own process, for the multi-process store tests.
 *   node store-worker.js <dir> mixed <ops> <concurrency> <workerId>   run <ops> changes, print DONE
 *   node store-worker.js <dir> kill 0 <concurrency> <workerId>        run until killed
 *   node store-worker.js <dir> drive <everyMs> 1 <workerId>           a window running technical time:
 *     start it, then heartbeat every <everyMs> until killed, printing `H <at>` once each is on disk
 *   node store-worker.js <dir> release 0 1 <workerId>                 start technical time, then
 *     close cleanly as VS Code does on a reload (TimeStore.release), print `R <at>` and exit
 *   node store-worker.js <dir> notes <text> <base> <workerId>        a 1:1 panel saving mira's notes of
 *     2026-12-04 (edited from <base>), print `N <result as JSON>` once saved
 * After each change is on disk it prints `T <taskId>` (task added) or `E <entryId>` (timer
 * switched to a new entry); a change kept in memory after a failed save is not printed.
 */
import { openStores } from '../src/store';

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const [dir, mode, opsArg, concurrencyArg, workerId] = process.argv.slice(2);
  const stores = await openStores(dir, {
    windowId: `worker-${workerId}`,
    onWriteFailed: (e) => process.stderr.write(`writeFailed ${e.code} ${e.file}: ${e.error.message}\n`),
    onRecovered: (e) => process.stderr.write(`recovered ${e.file}: ${e.reason}\n`),
  });
  out('READY');
  if (mode === 'drive' || mode === 'release') return driveTimer(stores, mode, Number(opsArg));
  if (mode === 'notes') {
    out(`N ${JSON.stringify(await stores.oneOnOnes.saveNotes('mira', '2026-12-04', opsArg, Date.now(), concurrencyArg))}`);
    stores.dispose();
    return;
  }
  const total = mode === 'kill' ? Infinity : Number(opsArg);
  let next = 0;
  const change = async (i: number) => {
    const pick = Math.random();
    if (pick < 0.5) {
      const task = await stores.tasks.add({ id: `${workerId}-t${i}`, title: `task ${i}`, assignee: 'ana', due: null });
      if (stores.tasks.unsavedChanges === 0) out(`T ${task.id}`);
    } else if (pick < 0.95 || mode !== 'kill') {
      const entry = await stores.time.start(Math.random() < 0.5 ? 'technical' : 'managerial', Date.now());
      if (stores.time.unsavedChanges === 0) out(`E ${entry.id}`);
    } else {
      await stores.time.heartbeat(Date.now());
    }
  };
  const lane = async () => {
    while (next < total) await change(next++);
  };
  await Promise.all(Array.from({ length: Number(concurrencyArg) }, lane));
  out('DONE');
  stores.dispose();
}

async function driveTimer(stores: Awaited<ReturnType<typeof openStores>>, mode: 'drive' | 'release', everyMs: number): Promise<void> {
  const entry = await stores.time.start('technical', Date.now());
  out(`E ${entry.id} ${entry.start}`);
  if (mode === 'release') {
    const at = Date.now();
    await stores.time.release(at);
    out(`R ${at}`);
    stores.dispose();
    return;
  }
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    const at = Date.now();
    await stores.time.heartbeat(at);
    out(`H ${at}`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`worker failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
