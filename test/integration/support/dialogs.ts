/**
 * VS Code refuses modal dialogs while extension tests run (code-server's DialogService throws
 * "refused to show dialog in tests"), so Lead Desk's test build asks the answerer installed here
 * instead (src/util/confirm.ts; the shipped bundle has no such hook). The answerer plays the lead:
 * it sees the dialog's text and buttons and answers with a button, or dismisses it.
 */
import { TEST_DIALOG_HOOK } from '../../../src/ids';
import type { AskedDialog } from '../../../src/util/confirm';

export type { AskedDialog };

/** The lead presses the dialog's (only) action button. */
export const accept = (d: AskedDialog): string | undefined => d.buttons[0];
/** The lead closes the dialog (Escape, Cancel). */
export const dismiss = (): undefined => undefined;

/** Runs `action` with `answer` answering every modal confirmation; returns its result and what was asked. */
export async function answeringDialogs<T>(answer: (d: AskedDialog) => string | undefined, action: () => Thenable<T>): Promise<{ result: T; asked: AskedDialog[] }> {
  const key = Symbol.for(TEST_DIALOG_HOOK);
  const global = globalThis as Record<symbol, unknown>;
  const asked: AskedDialog[] = [];
  const previous = global[key];
  global[key] = async (d: AskedDialog) => { asked.push(d); return answer(d); };
  try {
    return { result: await action(), asked };
  } finally {
    global[key] = previous;
  }
}
