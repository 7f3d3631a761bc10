/**
 * Hand-offs were kept in VS Code's globalState (one object every window rewrote whole) before
 * `hand-offs.json`: they move into the store once, under the account signed in when they are
 * found (they were that lead's), and leave globalState only once saved. No `vscode` import.
 */
import { StateKeys } from '../ids';
import type { HandOffScope, HandOffStore } from '../store/handOffStore';
import { readState, writeState, type MementoLike } from '../util/state';

/**
 * Moves the hand-offs in `memento` into `store` for `scope`. Resolves with how many were taken in
 * (undefined when there was nothing to move); rejects, leaving `memento` as it was, when the store
 * could not save them.
 */
export async function moveLegacyHandOffs(memento: MementoLike, store: Pick<HandOffStore, 'adopt'>, scope: HandOffScope): Promise<number | undefined> {
  const legacy = readState(memento, StateKeys.handOffs);
  if (!legacy) return undefined;
  const added = await store.adopt(scope, legacy);
  await writeState(memento, StateKeys.handOffs, undefined);
  return added;
}
