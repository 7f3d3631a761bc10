/** Starts the fake GitHub inside the extension host and points Lead Desk at it, signed in. */
import * as vscode from 'vscode';
import { demoScenario, startFakeGitHub, type FakeGitHub } from '../../fake-github';
import type { LeadDeskApi } from '../../../src/extension';
import { leadDesk, setSetting } from './extension';

export async function connectToFake(options: { scenario?: ReturnType<typeof demoScenario>; repositories?: string[] } = {}): Promise<{ api: LeadDeskApi; fake: FakeGitHub }> {
  const fake = await startFakeGitHub(options.scenario ?? demoScenario(new Date()));
  const api = await leadDesk();
  await setSetting('github.apiUrl', fake.url);
  await setSetting('github.repositories', options.repositories ?? ['acme/api', 'acme/web', 'acme/infra']);
  await setSetting('team.members', ['mira', 'tomas', 'jun', 'sofia', 'kwame', 'elena']);
  await api.github.auth.adoptEnvironmentToken(fake.token);
  return { api, fake };
}

export async function disconnect(fake: FakeGitHub | undefined): Promise<void> {
  const api = await leadDesk();
  await api.github.auth.signOut();
  await fake?.close();
  for (const key of ['github.apiUrl', 'github.repositories', 'team.members']) await setSetting(key, undefined);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
