/**
 * Composition root: creates the shared pieces and the features, hands them to
 * `context.subscriptions`, and returns. No network and no slow disk read happens here — the
 * stores open and the first GitHub refresh starts after activation has returned.
 */
import * as vscode from 'vscode';
import { Config } from './config';
import { GitHubConnection } from './github/connection';
import { registerAuthCommands } from './github/authCommands';
import { isCachedResponses, PersistedResponseCache } from './github/responseCache';
import type { LeadDeskSettings, SettingProblem } from './settings';
import { openStorage } from './storage';
import { RESPONSE_CACHE_FILE, SnapshotStore, type Stores } from './store';
import { registerTimer } from './timer';
import type { AutoMode } from './timer/autoMode';
import type { TimerController } from './timer/timerController';
import { registerWork, type WorkFeature } from './work';
import { registerReviewQueue } from './queue';
import { ReviewQueuePanel } from './queue/panel';
import { registerBalance } from './balance';
import { registerMorningReview } from './review';
import { BalancePanel } from './balance/panel';
import { openPanel } from './webview/registerPanel';
import { registerAlerts, type RedBuildAlerts } from './alerts';
import { registerStandup } from './standup';
import { registerOneOnOne, OneOnOnePanel } from './oneOnOne';

/** What the extension exports: used by the integration tests and the activation benchmark. */
export interface LeadDeskApi {
  readonly activationMs: number;
  settings(): LeadDeskSettings;
  readonly onSettingProblem: vscode.Event<SettingProblem>;
  readonly stores: Promise<Stores>;
  readonly timer: TimerController;
  readonly autoMode: AutoMode;
  readonly work: WorkFeature;
  readonly github: GitHubConnection;
  readonly alerts: RedBuildAlerts;
  /** The open panels (undefined when closed), for tests and benchmarks. */
  panels(): { readonly reviewQueue?: ReviewQueuePanel; readonly balance?: BalancePanel; readonly oneOnOne?: OneOnOnePanel };
}

/** Set by `activate`: close the stores (idempotent), for `deactivate` to wait on. */
let closeStores: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): LeadDeskApi {
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
  subs.push(github, registerAuthCommands(github), { dispose: () => void responses.flush() });
  // A token handed over by the environment (demo, CI) moves into SecretStorage.
  void github.auth.adoptEnvironmentToken(process.env.LEAD_DESK_TOKEN);

  const timer = registerTimer(config, stores, github);
  const work = registerWork(config, stores, github, context.globalState, context.globalStorageUri.fsPath);
  subs.push(timer.disposable, work.disposable);

  subs.push(registerReviewQueue(context.extensionUri, config, work, (signal) => timer.timer.reportActivity(signal)), registerBalance(context.extensionUri, config, stores, timer.timer));
  subs.push(registerMorningReview({ context, config, github, stores, work, timer: timer.timer }));
  const alerts = registerAlerts({ config, github, stores, work });
  subs.push(alerts.disposable, registerStandup({ config, github, stores, work, timer: timer.timer }), registerOneOnOne({ context, config, stores, work, timer: timer.timer }));

  return {
    activationMs: performance.now() - started,
    settings: () => config.settings,
    onSettingProblem: config.onProblem,
    stores, timer: timer.timer, autoMode: timer.autoMode, work, github, alerts: alerts.alerts,
    panels: () => ({ reviewQueue: openPanel(ReviewQueuePanel), balance: openPanel(BalancePanel), oneOnOne: openPanel(OneOnOnePanel) }),
  };
}

/** Everything else is owned by context.subscriptions, whose disposal cannot be awaited. */
export function deactivate(): Promise<void> | undefined {
  return closeStores?.();
}
