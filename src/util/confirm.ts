/**
 * The one way Lead Desk asks before a write that acts in the lead's name (merge, hand-off): a
 * modal warning, answered by the lead only — never by a command's arguments, which any other
 * extension can pass. VS Code refuses modal dialogs while extension tests run, so the test build
 * lets an integration test answer in the lead's place (and see what was asked). The shipped
 * bundle is built with `__LEAD_DESK_TEST_HOOKS__` false: that branch, and the hook's name, are
 * not in it (test/unit/util/confirm.test.ts builds it and looks).
 */
import * as vscode from 'vscode';
import { TEST_DIALOG_HOOK } from '../ids';

declare const __LEAD_DESK_TEST_HOOKS__: boolean;

/** A dialog as a test sees it; the test answers with a button's label, or undefined (dismissed). */
export interface AskedDialog {
  readonly message: string;
  readonly detail: string;
  readonly buttons: readonly string[];
}

/** True when the lead chose `button` in a modal warning showing `message` and `detail`. */
export async function confirmModal(message: string, detail: string, button: string): Promise<boolean> {
  if (__LEAD_DESK_TEST_HOOKS__) {
    // Set by test/integration/support/dialogs.ts, in the same extension host.
    const answer = (globalThis as Record<symbol, unknown>)[Symbol.for(TEST_DIALOG_HOOK)];
    if (typeof answer === 'function') {
      return (await (answer as (d: AskedDialog) => Promise<string | undefined>)({ message, detail, buttons: [button] })) === button;
    }
  }
  return (await vscode.window.showWarningMessage(message, { modal: true, detail }, button)) === button;
}
