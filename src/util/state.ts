/**
 * The one way Lead Desk reads and writes `context.globalState`: typed keys from `StateKeys`,
 * each checked on the way back in, so a value of the wrong shape reads as "not set". Works on
 * anything memento-like, so pure modules and tests can hand in their own.
 */
import type { StateKey } from '../ids';

export interface MementoLike {
  get<T>(key: string, defaultValue?: T): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export function readState<T>(memento: MementoLike, key: StateKey<T>): T | undefined {
  const value = memento.get<unknown>(key.id);
  return key.is(value) ? value : undefined;
}

export function writeState<T>(memento: MementoLike, key: StateKey<T>, value: T | undefined): Thenable<void> {
  return memento.update(key.id, value);
}
