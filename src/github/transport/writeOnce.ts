/**
 * Writes to GitHub are sent once: octokit.ts never retries them. When a write's answer is lost
 * (a 5xx, a time-out, a dropped connection: `leavesWriteUnknown`), GitHub may have applied it all
 * the same. `sendOnce` reads back whether it happened and says so, instead of reporting a failure
 * that is not one (the lead would send it again) or retrying (it would happen twice).
 */
import { describeError } from '../../util/errors';
import { classifyFailure, leavesWriteUnknown, lostAnswer, UnconfirmedWrite, type GitHubFailure } from './failure';

/** A write that happened although its answer was lost: `recoveredFrom` says how, for the notice. */
export interface WriteResult {
  readonly recoveredFrom?: GitHubFailure;
}

/**
 * Sends the write; after an ambiguous failure, `readBack` answers what the write would have
 * answered when it did happen, or null when it did not (the failure then stands). A read-back
 * that fails too becomes an `UnconfirmedWrite`: "look on GitHub before trying again".
 * `what` completes "could not check whether …", e.g. "acme/api#12 was merged".
 */
export async function sendOnce<T extends object>(what: string, send: () => Promise<T>, readBack: () => Promise<T | null>): Promise<T & WriteResult> {
  try {
    return await send();
  } catch (e) {
    const failure = classifyFailure(e);
    if (!leavesWriteUnknown(failure)) throw e;
    let found: T | null;
    try {
      found = await readBack();
    } catch (readFailure) {
      console.warn(`[lead-desk] ${lostAnswer(failure)}; reading back whether ${what} failed too: ${describeError(readFailure)}`);
      throw new UnconfirmedWrite(what, failure);
    }
    if (found === null) throw e;
    console.warn(`[lead-desk] ${lostAnswer(failure)}, but ${what} (read back)`);
    return { ...found, recoveredFrom: failure };
  }
}
