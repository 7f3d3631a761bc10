import * as vscode from 'vscode';
import type { FeatureContext } from '../feature';
import { SnapshotStore } from '../store/snapshotStore';
import { DelegateTaskFlow } from './delegateTask';
import { InboxService } from './inboxService';
import { NudgeLog } from './nudgeLog';
import { isSidebarSnapshotData, type SidebarSnapshotData } from './snapshotHandOver';
import { taskRepository } from './taskRepository';
import { TeamLoadWarnings } from './teamLoadSource';
import { WatchedRepositories } from './watchedRepositories';

/**
 * The inbox: the lead's tasks and what GitHub says about their work, refreshed and handed over
 * between windows. Provides `inbox`; the tree, the queue, the Morning Review, the alerts, the
 * standup and the 1:1 read it. The sidebar snapshot in the store folder (globalStorageUri) is read
 * at start-up without waiting for the other stores to open.
 */
export function register(ctx: FeatureContext): vscode.Disposable {
  const { config, stores, github } = ctx;
  const tasks = taskRepository(stores);
  const repositories = new WatchedRepositories(config);
  const snapshots = new SnapshotStore<SidebarSnapshotData>(ctx.globalStorageUri.fsPath, {
    check: isSidebarSnapshotData,
    log: (line) => console.warn(`[lead-desk] ${line}`),
  });
  const inbox = new InboxService({
    config, github, memento: ctx.globalState, tasks, repositories, snapshots,
    nudges: new NudgeLog(stores),
    delegate: new DelegateTaskFlow(config, tasks, github, repositories),
    teamWarnings: new TeamLoadWarnings(),
    handOffs: stores.then((s) => s.handOffs),
  });
  // Another window's nudges show after the next refresh (reading the file only if it changed).
  let wasRefreshing = false;
  const followRefresh = inbox.onDidChange((s) => {
    if (wasRefreshing && !s.refreshing) void inbox.nudges.reload().catch(() => undefined);
    wasRefreshing = s.refreshing;
  });
  inbox.start();
  ctx.provide('inbox', inbox);
  return vscode.Disposable.from(followRefresh, inbox, repositories, inbox.nudges);
}
