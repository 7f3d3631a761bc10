/**
 * The one shape of a feature: `export function register(ctx: FeatureContext): vscode.Disposable`.
 * extension.ts registers the features in order; a feature the others build on publishes its
 * service with `ctx.provide(name, service)` before returning, and a later feature takes it with
 * `ctx.need(name)`, typed by {@link FeatureServices}. Asking for a service that is not provided
 * yet throws at activation (the order in extension.ts is wrong), so every test run would show it.
 */
import type * as vscode from 'vscode';
import type { RedBuildAlerts } from './alerts/redBuilds';
import type { CalendarService } from './calendar/calendarService';
import type { Config } from './config';
import type { GitHubConnection } from './github/api';
import type { InboxService } from './inbox/inboxService';
import type { Stores } from './store';
import type { AutoMode } from './timer/autoMode';
import type { TimerController } from './timer/timerController';
import type { TurnaroundService } from './turnaround/turnaroundService';
import type { WorkTree } from './work/workTree';

/** What one feature provides to the others, by name. */
export interface FeatureServices {
  /** The timer feature's controller: `reportActivity` for automatic mode, `onDidChange` for the balance. */
  readonly timer: TimerController;
  readonly autoMode: AutoMode;
  /** The inbox: tasks and GitHub state, the watched repositories, the nudge log and "Delegate Task…". */
  readonly inbox: InboxService;
  /** The sidebar tree, for the test API only (no feature reads another's view). */
  readonly workTree: WorkTree;
  /** The red-build alerts. */
  readonly alerts: RedBuildAlerts;
  /** The connected calendars' meetings: the balance, the idle prompt, Plan the day, the 1:1. */
  readonly calendar: CalendarService;
  /** Each teammate's review turnaround, read when a view asks (the Team group, the picker, the 1:1). */
  readonly turnaround: TurnaroundService;
}

/** The pieces every feature may use: created once by extension.ts. */
export interface SharedPieces {
  readonly config: Config;
  readonly stores: Promise<Stores>;
  readonly github: GitHubConnection;
  /** `context.extensionUri`: where the panels' scripts and styles are. */
  readonly extensionUri: vscode.Uri;
  /** `context.globalState`: the few keys in `StateKeys`. */
  readonly globalState: vscode.Memento;
  /** `context.globalStorageUri`: the store folder. */
  readonly globalStorageUri: vscode.Uri;
  /** `context.secrets`: calendar addresses (the GitHub token is the connection's). */
  readonly secrets: vscode.SecretStorage;
}

/** Services by name: provided once, needed after. */
export interface ServiceRegistry<S> {
  provide<K extends keyof S>(name: K, service: S[K]): void;
  need<K extends keyof S>(name: K): S[K];
}

export type FeatureContext = SharedPieces & ServiceRegistry<FeatureServices>;

export type Feature = (ctx: FeatureContext) => vscode.Disposable;

export function featureContext(shared: SharedPieces): FeatureContext {
  return { ...shared, ...serviceRegistry<FeatureServices>() };
}

export function serviceRegistry<S>(): ServiceRegistry<S> {
  const services: { -readonly [K in keyof S]?: S[K] } = {};
  return {
    provide(name, service) {
      if (services[name] !== undefined) throw new Error(`Lead Desk: the ${String(name)} service is provided twice`);
      services[name] = service;
    },
    need(name) {
      const service = services[name];
      if (service === undefined) throw new Error(`Lead Desk: the ${String(name)} service is needed before the feature providing it is registered (see extension.ts)`);
      return service;
    },
  };
}
