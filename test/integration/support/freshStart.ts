/**
 * Where every integration suite starts, whatever ran before it in this VS Code: signed out, no
 * local task open, no review of the current snapshot snoozed, the timer stopped, no editor open
 * (a snooze of a review not in the snapshot outlives it: a suite that counts reviews lifts them). A suite calls it first
 * (connectToFake does), then sets up what it needs, so any suite passes alone
 * (`LEAD_DESK_GREP`) and in any order.
 */
import * as vscode from 'vscode';
import type { LeadDeskApi } from '../../../src/extension';
import { leadDesk } from './extension';

export async function freshStart(): Promise<LeadDeskApi> {
  const api = await leadDesk();
  const stores = await api.stores;
  await api.github.auth.signOut();
  await vscode.commands.executeCommand('leadDesk.stopTimer');
  for (const task of stores.tasks.list().filter((t) => !t.doneAt)) await stores.tasks.complete(task.id);
  await api.work.model.reloadTasks();
  // A snooze that ends in the past is dropped: the review comes back.
  for (const r of api.work.model.snapshot.reviews.filter((x) => x.snoozedUntil)) await api.work.model.snooze(r.repo, r.number, 0);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  return api;
}
