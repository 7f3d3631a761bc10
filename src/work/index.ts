import * as vscode from 'vscode';
import type { Config } from '../config';
import type { GitHubConnection } from '../github/connection';
import type { Stores } from '../store';
import type { TaskRepository } from './delegatedTask';
import { DelegateTaskFlow } from './delegateTask';
import { WatchedRepositories } from './watchedRepositories';
import { registerReviewAssignment } from './reviewAssignment';
import { TeamLoadWarnings } from './teamLoadSource';
import { registerWorkCommands } from './workCommands';
import { SnapshotStore } from '../store/snapshotStore';
import { WorkModel, isSidebarSnapshotData, type SidebarSnapshotData } from './workModel';
import { WorkTree } from './workTree';

export interface WorkFeature {
  readonly model: WorkModel;
  readonly tree: WorkTree;
  readonly repositories: WatchedRepositories;
  /** "Delegate Task…", for features that hand work on (a red build). */
  readonly delegate: DelegateTaskFlow;
  /** Says once per setting value which team members GitHub does not know. */
  readonly teamWarnings: TeamLoadWarnings;
  readonly disposable: vscode.Disposable;
}

/** The sidebar: delegated work and pending reviews, and the commands on them. */
/**
 * `snapshotDir` is the store folder (globalStorageUri): the sidebar snapshot there is read at
 * start-up without waiting for the other stores to open.
 */
export function registerWork(config: Config, stores: Promise<Stores>, github: GitHubConnection, memento: vscode.Memento, snapshotDir?: string): WorkFeature {
  const tasks = taskRepository(stores);
  const repositories = new WatchedRepositories(config);
  const snapshots = snapshotDir === undefined ? undefined : new SnapshotStore<SidebarSnapshotData>(snapshotDir, {
    check: isSidebarSnapshotData,
    log: (line) => console.warn(`[lead-desk] ${line}`),
  });
  const teamWarnings = new TeamLoadWarnings();
  const model = new WorkModel(config, github, tasks, repositories, memento, snapshots, teamWarnings);
  const tree = new WorkTree(model, config);
  const delegate = new DelegateTaskFlow(config, tasks, github, repositories);
  const recordNudge = async (login: string, nudge: { at: number; repo: string; number: number; url: string }) => (await stores).oneOnOnes.recordNudge(login, nudge);
  const commands = registerWorkCommands({ config, model, tasks, github, delegate, recordNudge });
  const assignment = registerReviewAssignment({ config, model, github });
  model.start();
  return { model, tree, repositories, delegate, teamWarnings, disposable: vscode.Disposable.from(commands, assignment, tree, model, repositories) };
}

function taskRepository(stores: Promise<Stores>): TaskRepository {
  const tasks = () => stores.then((s) => s.tasks);
  return {
    list: async () => { const t = await tasks(); await t.refresh(); return [...t.list()]; },
    add: async (task) => (await tasks()).add(task),
    update: async (id, patch) => {
      const updated = await (await tasks()).patch(id, patch);
      if (!updated) throw new Error('that task no longer exists (deleted in another window?)');
    },
  };
}
