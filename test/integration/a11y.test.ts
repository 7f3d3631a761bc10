/**
 * Webview accessibility: axe-core's WCAG 2.1 A/AA rules in every panel (Code Review Queue, Morning
 * Review, Time Balance, 1:1) with realistic data from the fake GitHub, hostile titles included,
 * under a light, a dark and a high-contrast theme, in one VS Code session. Fails on any serious
 * or critical violation and prints each one (rule, target, axe's summary). Screenshots of every
 * panel in every theme go to the test artifacts (`a11y-<panel>-<theme>.png`).
 */
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { addIssue, addPull, demoScenario, iso, requestReview, type FakeGitHub, type Scenario } from '../fake-github';
import type { LeadDeskApi } from '../../src/extension';
import { Commands } from '../../src/ids';
import type { MorningReviewPanel } from '../../src/review/morningReviewPanel';
import type { OneOnOnePanel } from '../../src/oneOnOne/panel';
import { axeViolations, describeViolations, type AxeViolation } from './support/axe';
import { evaluate, frames, hasBridge, screenshot, waitFor } from './support/bridge';
import { setSetting } from './support/extension';
import { connectToFake, disconnect } from './support/github';

const HOSTILE = '<img src=x onerror="window.pwned=1"><b>bold</b>';
const HOUR = 3_600_000;

/** The theme and the class VS Code puts on a webview's body for its kind. */
const THEMES = [
  ['Default Light Modern', 'vscode-light'],
  ['Default Dark Modern', 'vscode-dark'],
  ['Default High Contrast', 'vscode-high-contrast'],
] as const;

interface PanelCase {
  readonly name: string;
  readonly open: () => PromiseLike<unknown>;
  /** True once the panel's frame shows its data (frame text, hidden elements excluded). */
  readonly shown: (text: string) => boolean;
}

function world(now: Date): Scenario {
  const s = demoScenario(now);
  const ago = (h: number) => iso(new Date(now.getTime() - h * HOUR));
  const hostile = addPull(s, { repo: 'acme/web', title: HOSTILE, author: 'sofia' }, now);
  requestReview(s, hostile, { user: 'lead' }, new Date(now.getTime() - 60_000));
  s.notifications.push({ id: '99000017', repo: 'acme/api', reason: 'mention', unread: true, updatedAt: ago(0.2), lastReadAt: null, subject: { title: `Notification ${HOSTILE}`, type: 'Issue', number: 1 } });
  addIssue(s, { repo: 'acme/infra', title: `Incident ${HOSTILE}`, author: 'elena', labels: ['sev3'], createdAt: ago(1), updatedAt: ago(1) }, now);
  return s;
}

describe('webview accessibility (axe-core)', function () {
  this.timeout(240_000);
  let api: LeadDeskApi;
  let fake: FakeGitHub;
  let health: http.Server;
  const found = new Map<string, AxeViolation[]>();

  const PANELS: readonly PanelCase[] = [
    {
      name: 'queue',
      open: () => vscode.commands.executeCommand(Commands.openReviewQueue),
      shown: (t) => t.includes('Code Review Queue') && t.includes(HOSTILE) && t.includes('Migrate settings page'),
    },
    {
      name: 'morning-review',
      open: async () => (await vscode.commands.executeCommand<MorningReviewPanel>(Commands.startMorningReview)).settled(),
      shown: (t) => t.includes('Incident triage') && t.includes(`Incident ${HOSTILE}`) && t.includes('API health') && !t.includes('Loading…'),
    },
    {
      name: 'balance',
      open: () => vscode.commands.executeCommand(Commands.showBalance),
      shown: (t) => t.includes('Time Balance') && /technical/i.test(t) && /managerial/i.test(t) && !t.includes('No time tracked today'),
    },
    {
      name: 'one-on-one',
      open: () => vscode.commands.executeCommand(Commands.prepareOneOnOne, 'mira'),
      shown: (t) => t.includes('1:1 with mira') && t.includes('Pair on retries'),
    },
  ];

  before(async function () {
    if (!hasBridge()) this.skip();
    health = http.createServer((req, res) => {
      if (req.url === '/health') res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      else res.writeHead(503, { 'content-type': 'text/plain' }).end(`down ${HOSTILE}`);
    });
    await new Promise<void>((resolve) => health.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(health.address() as AddressInfo).port}`;
    await setSetting('systems.healthChecks', [
      { name: 'API health', url: `${base}/health`, expectedStatus: 200, timeoutMs: 3000 },
      { name: 'Backups', url: `${base}/backups`, expectedStatus: 200, timeoutMs: 3000 },
    ]);
    ({ api, fake } = await connectToFake({ scenario: world(new Date()) }));
    await api.stores;
    await vscode.commands.executeCommand(Commands.refresh);
    assert.equal(api.work.model.snapshot.failure, null);
    // Time on both modes today, for the balance's totals, chart and entries.
    await vscode.commands.executeCommand(Commands.startTechnical);
    await new Promise((r) => setTimeout(r, 50));
    await vscode.commands.executeCommand(Commands.startManagerial);
    const oneOnOne = await vscode.commands.executeCommand<OneOnOnePanel>(Commands.prepareOneOnOne, 'mira');
    await oneOnOne.receive({ type: 'saveNotes', notes: `Wants the cache work ${HOSTILE}` });
    await oneOnOne.receive({ type: 'addAction', text: `Share the ADR ${HOSTILE}` });
    await oneOnOne.receive({ type: 'addAction', text: 'Pair on retries' });
    const first = await oneOnOne.build(Date.now());
    await oneOnOne.receive({ type: 'toggleAction', id: first.actions[0]!.id, done: true });
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand(Commands.stopTimer);
    await setSetting('systems.healthChecks', undefined);
    await disconnect(fake);
    await new Promise<void>((resolve) => health?.close(() => resolve()) ?? resolve());
  });

  for (const [theme, bodyClass] of THEMES) {
    it(`has no serious or critical violation in any panel under ${theme}`, async () => {
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      const failures: string[] = [];
      for (const panel of PANELS) {
        await panel.open();
        const frame = await waitFor(`the ${panel.name} frame with its data`, async () => (await frames()).find((f) => panel.shown(f.text))?.url, 30_000);
        // The webview follows the theme: its body carries the kind's class and the theme's colours.
        await waitFor(`the ${panel.name} frame in ${theme}`, async () => {
          const [body] = await evaluate<string>('document.body.className', frame);
          return body?.value.split(' ').includes(bodyClass);
        });
        await new Promise((r) => setTimeout(r, 300));
        const violations = await axeViolations(frame);
        found.set(`${panel.name} ${theme}`, violations);
        failures.push(...describeViolations(`${panel.name} / ${theme}`, violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')));
        const minor = violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
        if (minor.length) console.log(`      (${panel.name}: ${minor.map((v) => `${v.id} ×${v.nodes.length} (${v.impact})`).join(', ')})`);
        await screenshot(`a11y-${panel.name}-${bodyClass}`);
      }
      assert.deepEqual(failures, [], `serious or critical axe-core violations:\n${failures.join('\n')}`);
    });
  }
});
