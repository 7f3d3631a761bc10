/**
 * Every id Lead Desk shares with package.json: commands, views, context keys, settings.
 * The contract test checks package.json and this file agree in both directions.
 */
export const Commands = {
  startMorningReview: 'leadDesk.startMorningReview',
  switchMode: 'leadDesk.switchMode',
  startTechnical: 'leadDesk.startTechnical',
  startManagerial: 'leadDesk.startManagerial',
  pauseTimer: 'leadDesk.pauseTimer',
  stopTimer: 'leadDesk.stopTimer',
  addNote: 'leadDesk.addNote',
  acceptModeSuggestion: 'leadDesk.acceptModeSuggestion',
  undoAutoSwitch: 'leadDesk.undoAutoSwitch',
  showBalance: 'leadDesk.showBalance',
  exportTime: 'leadDesk.exportTime',
  delegateTask: 'leadDesk.delegateTask',
  openReviewQueue: 'leadDesk.openReviewQueue',
  refresh: 'leadDesk.refresh',
  signIn: 'leadDesk.signIn',
  signOut: 'leadDesk.signOut',
  toggleGrouping: 'leadDesk.toggleGrouping',
  workOpen: 'leadDesk.work.open',
  workFollowUp: 'leadDesk.work.followUp',
  workReassign: 'leadDesk.work.reassign',
  workChangeDueDate: 'leadDesk.work.changeDueDate',
  workMarkDone: 'leadDesk.work.markDone',
  showRedBuilds: 'leadDesk.showRedBuilds',
  prepareStandup: 'leadDesk.prepareStandup',
  prepareOneOnOne: 'leadDesk.prepareOneOnOne',
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
  slaHours: 'reviews.slaHours',
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

/** Keys in `context.globalState`. */
export const StateKeys = {
  /** true after "Sign Out": VS Code's GitHub account is not used until "Sign In". */
  builtInSignedOut: 'leadDesk.github.builtInSignedOut',
} as const;
