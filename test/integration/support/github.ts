/** Starts the fake GitHub inside the extension host and points Lead Desk at it, signed in. */
import * as vscode from 'vscode';
import { demoScenario, startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../../fake-github';
import { waitFor } from './bridge';
import type { LeadDeskApi } from '../../../src/extension';
import { leadDesk, setSetting } from './extension';
import { freshStart } from './freshStart';

export interface ConnectOptions {
  readonly scenario?: ReturnType<typeof demoScenario>;
  readonly repositories?: string[];
  /** {@link Settings.teamMembers}; the demo team by default. */
  readonly members?: string[];
  readonly fakeOptions?: FakeGitHubOptions;
}

export async function connectToFake(options: ConnectOptions = {}): Promise<{ api: LeadDeskApi; fake: FakeGitHub }> {
  const api = await freshStart();
  const fake = await startFakeGitHub(options.scenario ?? demoScenario(new Date()), options.fakeOptions);
  const members = options.members ?? ['mira', 'tomas', 'jun', 'sofia', 'kwame', 'elena'];
  await setSetting('github.apiUrl', fake.url);
  await setSetting('github.repositories', options.repositories ?? ['acme/api', 'acme/web', 'acme/infra']);
  await setSetting('team.members', members);
  // A setting's change event can land after `update` resolves: wait until Lead Desk reads them.
  await waitFor('Lead Desk to read the fake GitHub settings', () => api.settings().apiUrl === fake.url && api.settings().teamMembers.length === members.length, 10_000);
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
