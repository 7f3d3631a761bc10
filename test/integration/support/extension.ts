import * as vscode from 'vscode';
import type { LeadDeskApi } from '../../../src/extension';

export const EXTENSION_ID = 'lead-desk.lead-desk';

/** Activates Lead Desk (if the host has not yet) and returns its exported API. */
export async function leadDesk(): Promise<LeadDeskApi> {
  const ext = vscode.extensions.getExtension<LeadDeskApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this VS Code`);
  return ext.activate();
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('leadDesk').update(key, value, vscode.ConfigurationTarget.Global);
}
