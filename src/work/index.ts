import * as vscode from 'vscode';
import type { FeatureContext } from '../feature';
import { DelegateTaskFlow } from './delegateTask';
import { taskRepository } from './taskRepository';
import { WatchedRepositories } from './watchedRepositories';
import { registerWorkCommands } from './workCommands';
import { SnapshotStore } from '../store/snapshotStore';
import { WorkModel, isSidebarSnapshotData, type SidebarSnapshotData } from './workModel';
import { WorkTree } from './workTree';

/** What the work feature provides to the others (`ctx.need('work')`). */
export interface WorkFeature {
  readonly model: WorkModel;
  readonly tree: WorkTree;
  readonly repositories: WatchedRepositories;
  /** "Delegate Task…", for features that hand work on (a red build). */
  readonly delegate: DelegateTaskFlow;
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
  const model = new WorkModel(config, github, tasks, repositories, memento, snapshots);
  const tree = new WorkTree(model, config);
  const delegate = new DelegateTaskFlow(config, tasks, github, repositories);
  const recordNudge = async (login: string, nudge: { at: number; repo: string; number: number; url: string }) => (await stores).oneOnOnes.recordNudge(login, nudge);
  const commands = registerWorkCommands({ config, model, tasks, github, delegate, recordNudge });
  model.start();
  ctx.provide('work', { model, tree, repositories, delegate });
  return vscode.Disposable.from(commands, tree, model, repositories);
}
