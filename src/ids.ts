/**
 * Every id Lead Desk shares with package.json: commands, views, context keys, settings.
 * The contract test checks package.json and this file agree in both directions. Each command
 * links where it is registered, `{@link path/under/src#exportedName}` (checked by test/unit/ids.test.ts).
 */
import type { ReviewDraft } from './review/session';

export const Commands = {
  /** {@link review/index#register} */
  startMorningReview: 'leadDesk.startMorningReview',
  /** {@link timer/timerCommands#registerTimerCommands} */
  switchMode: 'leadDesk.switchMode',
  /** {@link timer/timerCommands#registerTimerCommands} */
  startTechnical: 'leadDesk.startTechnical',
  /** {@link timer/timerCommands#registerTimerCommands} */
  startManagerial: 'leadDesk.startManagerial',
  /** {@link timer/timerCommands#registerTimerCommands} */
  pauseTimer: 'leadDesk.pauseTimer',
  /** {@link timer/timerCommands#registerTimerCommands} */
  stopTimer: 'leadDesk.stopTimer',
  /** {@link timer/timerCommands#registerTimerCommands} */
  addNote: 'leadDesk.addNote',
  /** {@link timer/autoMode#AutoMode} */
  acceptModeSuggestion: 'leadDesk.acceptModeSuggestion',
  /** {@link timer/autoMode#AutoMode} */
  undoAutoSwitch: 'leadDesk.undoAutoSwitch',
  /** {@link balance/index#register} */
  showBalance: 'leadDesk.showBalance',
  /** {@link balance/index#register} */
  exportTime: 'leadDesk.exportTime',
  /** {@link work/workCommands#registerWorkCommands} */
  delegateTask: 'leadDesk.delegateTask',
  /** {@link queue/index#register} */
  openReviewQueue: 'leadDesk.openReviewQueue',
  /** {@link work/workCommands#registerWorkCommands} */
  refresh: 'leadDesk.refresh',
  /** {@link signIn/index#register} */
  signIn: 'leadDesk.signIn',
  /** {@link signIn/index#register} */
  signOut: 'leadDesk.signOut',
  /** {@link work/workCommands#registerWorkCommands} */
  toggleGrouping: 'leadDesk.toggleGrouping',
  /** {@link work/workCommands#registerWorkCommands} */
  workOpen: 'leadDesk.work.open',
  /** {@link work/workCommands#registerWorkCommands} */
  workFollowUp: 'leadDesk.work.followUp',
  /** Nudge… on a tree item (its `nudgeTarget`) or, from the palette, a pick of what waits past the SLA. {@link work/workCommands#registerWorkCommands} */
  nudge: 'leadDesk.nudge',
  /** {@link work/workCommands#registerWorkCommands} */
  workReassign: 'leadDesk.work.reassign',
  /** {@link work/workCommands#registerWorkCommands} */
  workChangeDueDate: 'leadDesk.work.changeDueDate',
  /** {@link work/workCommands#registerWorkCommands} */
  workMarkDone: 'leadDesk.work.markDone',
  /** {@link work/mergePullRequest#registerMergeCommand} */
  workMerge: 'leadDesk.work.merge',
  /** On the lead's own PRs (and from the palette): ask a teammate, lightest review load first. {@link work/reviewAssignment#registerReviewAssignment} */
  workRequestReview: 'leadDesk.work.requestReviewFrom',
  /** On a pending review: ask a teammate and remove the lead's own request. {@link work/reviewAssignment#registerReviewAssignment} */
  workHandReview: 'leadDesk.work.handReviewTo',
  /** {@link alerts/index#register} */
  showRedBuilds: 'leadDesk.showRedBuilds',
  /** {@link standup/index#register} */
  prepareStandup: 'leadDesk.prepareStandup',
  /** {@link oneOnOne/index#register} */
  prepareOneOnOne: 'leadDesk.prepareOneOnOne',
  /** An ICS address (kept in SecretStorage) or a local .ics file. {@link calendar/index#register} */
  connectCalendar: 'leadDesk.connectCalendar',
  /** {@link calendar/index#register} */
  disconnectCalendar: 'leadDesk.disconnectCalendar',
  /** {@link calendar/index#register} */
  refreshCalendars: 'leadDesk.refreshCalendars',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

export const Views = {
  container: 'leadDesk',
  work: 'leadDesk.work',
} as const;

export const ViewTypes = {
  morningReview: 'leadDesk.morningReview',
  reviewQueue: 'leadDesk.reviewQueue',
  balance: 'leadDesk.balance',
  oneOnOne: 'leadDesk.oneOnOne',
} as const;

export const ContextKeys = {
  signedIn: 'leadDesk.signedIn',
  /** The work tree's empty state: `signedOut`, `noRepositories` or `none` (see `welcomeState`). */
  workWelcome: 'leadDesk.workWelcome',
  /** A suggested mode switch is showing in the status bar (`leadDesk.timer.autoMode: suggest`). */
  modeSuggestion: 'leadDesk.modeSuggestion',
  /** An automatic switch can still be undone (30 s). */
  autoSwitchUndo: 'leadDesk.autoSwitchUndo',
} as const;

/** Setting keys, relative to the `leadDesk` section. */
export const Settings = {
  apiUrl: 'github.apiUrl',
  repositories: 'github.repositories',
  refreshMinutes: 'github.refreshMinutes',
  requestTimeoutSeconds: 'github.requestTimeoutSeconds',
  teamMembers: 'team.members',
  teamAgents: 'team.agents',
  slaHours: 'reviews.slaHours',
  staleDays: 'reviews.staleDays',
  businessDays: 'businessHours.days',
  businessStart: 'businessHours.start',
  businessEnd: 'businessHours.end',
  idleMinutes: 'timer.idleMinutes',
  githubStatus: 'timer.githubStatus',
  headsDownMinutes: 'timer.headsDownMinutes',
  autoMode: 'timer.autoMode',
  autoMinutes: 'timer.autoMinutes',
  technicalTarget: 'balance.technicalTarget',
  severityLabels: 'triage.severityLabels',
  escalationLabel: 'triage.escalationLabel',
  healthChecks: 'systems.healthChecks',
  alerts: 'systems.alerts',
  reminderTime: 'morningReview.reminderTime',
  groupBy: 'work.groupBy',
  nudgeQuietHours: 'nudges.quietHours',
  calendarMyEmails: 'calendar.myEmails',
  calendarOverlap: 'calendar.overlap',
  calendarTentative: 'calendar.tentative',
  calendarKeepTitles: 'calendar.keepTitles',
} as const;
export type SettingKey = (typeof Settings)[keyof typeof Settings];

/**
 * Settings that decide where a request or a credential goes, or what is written to the user's
 * GitHub profile: `"scope": "application"` in package.json, listed in
 * `capabilities.untrustedWorkspaces.restrictedConfigurations`, and read from the user's own
 * settings only — a workspace (say, a PR checked out from the queue) can never set them.
 */
export const USER_ONLY_SETTINGS: readonly SettingKey[] = [Settings.apiUrl, Settings.healthChecks, Settings.githubStatus];

export const SETTINGS_SECTION = 'leadDesk';

/** A setting's full id, for messages: `settingId(Settings.slaHours)` is `leadDesk.reviews.slaHours`. */
export const settingId = (key: SettingKey): string => `${SETTINGS_SECTION}.${key}`;

/**
 * A key in `context.globalState` with the type of what it holds and a check of what is read back
 * (a memento can hold anything an older or newer Lead Desk wrote): read and written only through
 * `readState` / `writeState` (src/util/state.ts).
 */
export interface StateKey<T> {
  readonly id: string;
  readonly is: (value: unknown) => value is T;
}
const stateKey = <T>(id: string, is: (value: unknown) => value is T): StateKey<T> => ({ id, is });
const isTrue = (v: unknown): v is true => v === true;
const isString = (v: unknown): v is string => typeof v === 'string';
const isRecordOfNumbers = (v: unknown): v is Record<string, number> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number' && Number.isFinite(x));
const isDatedPercent = (v: unknown): v is { date: string; percent: number } =>
  typeof v === 'object' && v !== null && typeof (v as { date?: unknown }).date === 'string' && typeof (v as { percent?: unknown }).percent === 'number';
const isAnything = (v: unknown): v is unknown => v !== undefined;
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A Morning Review draft: its date, and per section a checked flag and a note. */
const isReviewDraft = (v: unknown): v is ReviewDraft =>
  isPlainObject(v) && typeof v.date === 'string' && isPlainObject(v.checked) && isPlainObject(v.notes)
  && Object.values(v.checked).every((c) => typeof c === 'boolean') && Object.values(v.notes).every((n) => typeof n === 'string');

export const StateKeys = {
  /** true after "Sign Out": VS Code's GitHub account is not used until "Sign In". */
  builtInSignedOut: stateKey('leadDesk.github.builtInSignedOut', isTrue),
  /** Snoozed reviews: `owner/repo#number` → until (epoch ms). */
  snoozes: stateKey('leadDesk.snoozes', isRecordOfNumbers),
  /** Reviews the lead handed on: `owner/repo#number>login` → when (epoch ms), for Nudge… on them. */
  handOffs: stateKey('leadDesk.handOffs', isRecordOfNumbers),
  /** The day a morning reminder was last shown (`yyyy-MM-dd`). */
  remindedOn: stateKey('leadDesk.review.remindedOn', isString),
  /** Today's technical target, set in the Morning Review. */
  todayTarget: stateKey('leadDesk.review.todayTarget', isDatedPercent),
  /** When each health check last passed; its reader (`readLastPassed`) checks every pair. */
  healthLastPassed: stateKey('leadDesk.review.healthLastPassed', isAnything),
  /** Checks and notes of an unfinished Morning Review, kept across a reload. */
  reviewDraft: stateKey('leadDesk.review.draft', isReviewDraft),
  /** Whose 1:1 the panel showed last, to revive it after a reload. */
  oneOnOneLogin: stateKey('leadDesk.oneOnOne.login', isString),
} as const;

/** Keys in VS Code's SecretStorage besides the tokens (`secretKeyFor`). */
export const SecretKeys = {
  /** The secret of the HMAC that says which session a saved snapshot belongs to. */
  snapshotFingerprint: 'leadDesk.snapshotFingerprintSecret',
  /** Prefix of a token's key; the API origin follows. */
  tokenPrefix: 'leadDesk.github.token@',
  /** Prefix of a calendar feed's address (a secret: Google's "secret address"); the calendar's id follows. */
  calendarAddressPrefix: 'leadDesk.calendar.address@',
} as const;

/** Ids of Lead Desk's status-bar items (VS Code lists them by id in its status-bar menu). */
export const StatusBarIds = {
  timer: 'leadDesk.timer',
  autoMode: 'leadDesk.autoMode',
  redBuilds: 'leadDesk.redBuilds',
} as const;

/** Types of the tasks Lead Desk runs (VS Code runs them without a contributed definition). */
export const TaskTypes = {
  /** A git command run on the workspace's host (a pull request's fetch from the UI side). */
  git: 'leadDesk.git',
} as const;

/**
 * The global (a `Symbol.for` key) through which an integration test answers Lead Desk's modal
 * confirmations, in the test build only (src/util/confirm.ts): the shipped bundle has neither.
 */
export const TEST_DIALOG_HOOK = 'leadDesk.testBuild.answerDialog';
