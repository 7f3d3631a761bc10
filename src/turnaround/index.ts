/**
 * The review turnaround per teammate (issue 20, item 4): provides `turnaround`, which the Team
 * group, "Request review from…" and the 1:1 panel read. Nothing is read here: the views ask.
 */
import type * as vscode from 'vscode';
import type { FeatureContext } from '../feature';
import { TurnaroundService } from './turnaroundService';

export function register(ctx: FeatureContext): vscode.Disposable {
  const service = new TurnaroundService({ config: ctx.config, stores: ctx.stores, github: ctx.github, repositories: ctx.need('inbox').repositories });
  ctx.provide('turnaround', service);
  return service;
}
