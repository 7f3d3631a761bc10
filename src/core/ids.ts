import { randomUUID } from 'node:crypto';

/** A fresh identifier for a stored record (time entry, task, review). */
export function newId(): string {
  return randomUUID();
}
