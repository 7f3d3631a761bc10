/**
 * Composition root: creates the shared pieces (settings, stores, the GitHub connection), then
 * registers the features below in order and hands them to `context.subscriptions`. No network and
 * no slow disk read happens here — the stores open and the first GitHub refresh starts after
 * activation has returned.
 */
import * as vscode from 'vscode';
import * as alerts from './alerts';
import * as balance from './balance';
import * as inbox from './inbox';
import type { InboxService } from './inbox/inboxService';
import * as calendar from './calendar';
import { Config } from './config';
import { featureContext, type Feature, type FeatureServices } from './feature';
import { GitHubConnection } from './github/session/connection';
import * as oneOnOne from './oneOnOne';
import { OneOnOnePanel } from './oneOnOne/panel';
import * as reviewQueue from './queue';
import { ReviewQueuePanel } from './queue/panel';
import * as morningReview from './review';
import { BalancePanel } from './balance/panel';
import { isCachedResponses, PersistedResponseCache } from './github/api';
import type { LeadDeskSettings, SettingProblem } from './settings';
import * as signIn from './signIn';
import * as standup from './standup';
import { openStorage } from './storage';
import { RESPONSE_CACHE_FILE, SnapshotStore, type Stores } from './store';
import * as timer from './timer';
import * as turnaround from './turnaround';
import type { AutoMode } from './timer/autoMode';
import type { TimerController } from './timer/timerController';
import { openPanel } from './webview/registerPanel';
import * as work from './work';

/**
 * Every feature, in the order they register: one that provides a service (feature.ts) comes
 * before the features that need it.
 */
const FEATURES: readonly Feature[] = [
  signIn.register,
  calendar.register, // provides `calendar`
  timer.register, // provides `timer` and `autoMode`
  inbox.register, // provides `inbox`
  turnaround.register, // provides `turnaround`
  work.register, // provides `workTree` (for the test API)
  reviewQueue.register,
  balance.register,
  morningReview.register,
  alerts.register, // provides `alerts`
  standup.register,
  oneOnOne.register,
];

declare const __LEAD_DESK_TEST_HOOKS__: boolean;

/**
 * What the test build exports: used by the integration tests and the activation benchmark. The
 * shipped bundle exports nothing: this API acts for the lead (GitHub writes, the timer, the
 * stores) and another extension must not reach past the confirmations through it.
 */
export interface LeadDeskApi {
  readonly activationMs: number;
  /** Whether `activate()` read the settings before returning (it should only register: they are read after). */
  readonly settingsReadInActivate: boolean;
  settings(): LeadDeskSettings;
  readonly onSettingProblem: vscode.Event<SettingProblem>;
  readonly stores: Promise<Stores>;
  readonly timer: TimerController;
  readonly autoMode: AutoMode;
  readonly inbox: InboxService;
  /** The sidebar's tree, and the inbox under the names the tests knew when the tree owned it. */
  readonly work: { readonly model: InboxService; readonly tree: FeatureServices['workTree'] } & Pick<InboxService, 'repositories' | 'nudges' | 'teamWarnings'>;
  readonly github: GitHubConnection;
  readonly alerts: alerts.RedBuildAlerts;
  /** The open panels (undefined when closed), for tests and benchmarks. */
  panels(): { readonly reviewQueue?: ReviewQueuePanel; readonly balance?: BalancePanel; readonly oneOnOne?: OneOnOnePanel };
}

/** Set by `activate`: close the stores (idempotent), for `deactivate` to wait on. */
let closeStores: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): LeadDeskApi | undefined {
  const started = performance.now();
  const subs = context.subscriptions;
  const config = new Config();
  const stores = openStorage(context);
  // Closing saves what failed to save, or writes it to a recovery file; `deactivate` waits for it.
  closeStores = () => stores.then((s) => s.close(), () => undefined).catch(() => undefined);
  subs.push(config, { dispose: () => void closeStores?.() });

  // ETags and Last-Modified of the REST polls, saved so the first request after a start is conditional.
  const log = (line: string) => console.warn(`[lead-desk] ${line}`);
  const responses = new PersistedResponseCache(new SnapshotStore(context.globalStorageUri.fsPath, { file: RESPONSE_CACHE_FILE, check: isCachedResponses, log }), { log });
  const github = new GitHubConnection(config, context.secrets, context.globalState, responses);
  subs.push(github, { dispose: () => void responses.flush() });
  // A token handed over by the environment (demo, CI) moves into SecretStorage.
  void github.auth.adoptEnvironmentToken(process.env.LEAD_DESK_TOKEN, 'start');

  const { extensionUri, globalState, globalStorageUri, secrets } = context;
  const ctx = featureContext({ config, stores, github, extensionUri, globalState, globalStorageUri, secrets });
  for (const register of FEATURES) subs.push(register(ctx));

  if (!__LEAD_DESK_TEST_HOOKS__) return undefined;
  const activationMs = performance.now() - started;
  const settingsReadInActivate = config.hasRead;
  const { repositories, nudges, teamWarnings } = ctx.need('inbox');
  return {
    activationMs, settingsReadInActivate,
    settings: () => config.settings,
    onSettingProblem: config.onProblem,
    stores, github,
    timer: ctx.need('timer'), autoMode: ctx.need('autoMode'), alerts: ctx.need('alerts'), inbox: ctx.need('inbox'),
    work: { model: ctx.need('inbox'), tree: ctx.need('workTree'), repositories, nudges, teamWarnings },
    panels: () => ({ reviewQueue: openPanel(ReviewQueuePanel), balance: openPanel(BalancePanel), oneOnOne: openPanel(OneOnOnePanel) }),
  };
}

/** Everything else is owned by context.subscriptions, whose disposal cannot be awaited. */
export function deactivate(): Promise<void> | undefined {
  return closeStores?.();
}
