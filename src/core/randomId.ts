import { randomBytes } from 'node:crypto';

/**
 * The one generator of record ids (time entries, tasks, reviews, 1:1 action items): `prefix`,
 * the time `at` in base 36, then 40 random bits. Not to be confused with `src/ids.ts`, the
 * contribution ids (commands, settings, views).
 */
export function randomId(prefix = '', at = Date.now()): string {
  return `${prefix}${at.toString(36)}-${randomBytes(5).toString('hex')}`;
}
