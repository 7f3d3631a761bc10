import * as vscode from 'vscode';
import type { FeatureContext } from '../feature';
import { DelegateTaskFlow } from './delegateTask';
import { taskRepository } from './taskRepository';
import { WatchedRepositories } from './watchedRepositories';
import { registerReviewAssignment } from './reviewAssignment';
import { TeamLoadWarnings } from './teamLoadSource';
import { registerWorkCommands } from './workCommands';
import { SnapshotStore } from '../store/snapshotStore';
import { WorkModel, isSidebarSnapshotData, type SidebarSnapshotData } from './workModel';
import { WorkTree } from './workTree';
import { NudgeLog } from './nudgeLog';
import { registerMergeCommand } from './mergePullRequest';

/** What the work feature provides to the others (`ctx.need('work')`). */
export interface WorkFeature {
  readonly model: WorkModel;
  readonly tree: WorkTree;
  readonly repositories: WatchedRepositories;
  /** "Delegate Task…", for features that hand work on (a red build). */
  readonly delegate: DelegateTaskFlow;
  /** The nudges sent (Nudge…, Follow Up…), for "nudged 2h ago" and the Morning Review. */
  readonly nudges: NudgeLog;
  /** Says once per setting value which team members GitHub does not know. */
  readonly teamWarnings: TeamLoadWarnings;
}

/**
 * The sidebar: delegated work and pending reviews, and the commands on them. Provides `work`.
 * The sidebar snapshot in the store folder (globalStorageUri) is read at start-up without
 * waiting for the other stores to open.
 */
export function register(ctx: FeatureContext): vscode.Disposable {
  const { config, stores, github } = ctx;
  const memento = ctx.globalState;
  const tasks = taskRepository(stores);
  const repositories = new WatchedRepositories(config);
  const snapshots = new SnapshotStore<SidebarSnapshotData>(ctx.globalStorageUri.fsPath, {
    check: isSidebarSnapshotData,
    log: (line) => console.warn(`[lead-desk] ${line}`),
  });
  const teamWarnings = new TeamLoadWarnings();
  const model = new WorkModel(config, github, tasks, repositories, memento, snapshots, teamWarnings, stores.then((s) => s.handOffs));
  const nudges = new NudgeLog(stores);
  const tree = new WorkTree(model, config, nudges);
  const delegate = new DelegateTaskFlow(config, tasks, github, repositories);
  const commands = registerWorkCommands({ config, model, tasks, github, delegate, nudges, decisions: tree.decisions });
  const assignment = registerReviewAssignment({ config, model, github, decisions: tree.decisions });
  // Another window's nudges show after the next refresh (reading the file only if it changed).
  let wasRefreshing = false;
  const followRefresh = model.onDidChange((s) => {
    if (wasRefreshing && !s.refreshing) void nudges.reload().catch(() => undefined);
    wasRefreshing = s.refreshing;
  });
  model.start();
  ctx.provide('work', { model, tree, repositories, delegate, nudges, teamWarnings });
  return vscode.Disposable.from(commands, assignment, registerMergeCommand(model, github, tree.decisions), followRefresh, tree, model, repositories, nudges);
}
