import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Calls `onChange` shortly after `file` changes on disk (another window saved it; every save is
 * a rename, so the folder is watched, not the file), debounced. Best effort: where the folder
 * cannot be watched, nothing is called and readers see other windows' changes at their next read.
 */
export function watchFile(file: string, onChange: () => void, debounceMs = 150): { dispose(): void } {
  const name = path.basename(file);
  let timer: NodeJS.Timeout | undefined;
  let watcher: fs.FSWatcher | undefined;
  try {
    watcher = fs.watch(path.dirname(file), { persistent: false }, (_event, changed) => {
      if (changed !== null && String(changed) !== name) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, debounceMs);
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    watcher = undefined;
  }
  return {
    dispose: () => {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
