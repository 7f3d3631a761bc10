import * as vscode from 'vscode';
import type { FeatureContext } from '../feature';
import { registerReviewAssignment } from './reviewAssignment';
import { registerWorkCommands } from './workCommands';
import { WorkTree } from './workTree';
import { registerMergeCommand } from './mergePullRequest';
import { QueueRemovalNotices } from './queueRemovals';

/**
 * The sidebar: the inbox (`ctx.need('inbox')`) drawn as a tree — delegated work and pending
 * reviews — and the commands on its items. It provides `workTree` for the test API only: no
 * feature reads another's view.
 */
export function register(ctx: FeatureContext): vscode.Disposable {
  const { config, github } = ctx;
  const inbox = ctx.need('inbox');
  const turnaround = ctx.need('turnaround');
  const tree = new WorkTree(inbox, config, inbox.nudges, turnaround);
  const commands = registerWorkCommands({ config, model: inbox, tasks: inbox.tasks, github, delegate: inbox.delegate, nudges: inbox.nudges, decisions: inbox.decisions });
  const assignment = registerReviewAssignment({ config, model: inbox, github, decisions: inbox.decisions, turnaround });
  const removals = tree.queueRemovals = new QueueRemovalNotices(inbox.decisions, ctx.stores.then((s) => s.alerts), inbox.onDidChange);
  ctx.provide('workTree', tree);
  return vscode.Disposable.from(commands, assignment, registerMergeCommand(inbox, github, inbox.decisions), removals, tree);
}
