/**
 * Messages between the Morning Review host and its webview. Both sides compile against this
 * file (esbuild bundles it into the webview), so it must not import `vscode`.
 */
import type { RunState } from '../core/branchRuns';
import { MAX_LINK_LENGTH } from '../webview/links';
import { boundedString, integerIn, isBoolean, messageGuard, type FieldCheck, type ReadyMessage } from '../webview/messageGuard';
import { REPO_NAME } from '../core/repoName';
import { panelProtocol, type DataOrError } from '../webview/protocol';
import { LOGIN } from '../core/login';

export const SECTION_IDS = ['communication', 'systems', 'incidents', 'milestones', 'team', 'plan'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export const SECTION_TITLES: Readonly<Record<SectionId, string>> = {
  communication: 'Communication', systems: 'Systems check', incidents: 'Incident triage',
  milestones: 'Project milestones', team: 'Team & reviews', plan: 'Plan the day',
};

export const REASON_GROUPS = ['review_requested', 'mention', 'team_mention', 'assign', 'author', 'ci_activity', 'security_alert', 'other'] as const;
export type ReasonGroup = (typeof REASON_GROUPS)[number];

export interface NotificationItem {
  readonly id: string;
  readonly threadId: string;
  readonly repo: string;
  readonly title: string;
  readonly type: string;
  readonly when: string;
  readonly url: string;
}
export interface NotificationGroup {
  readonly reason: ReasonGroup;
  readonly label: string;
  readonly items: readonly NotificationItem[];
}
export interface CommunicationData {
  readonly kind: 'communication';
  readonly groups: readonly NotificationGroup[];
  /** "since Tue 09:12", or "all unread" on a first review. */
  readonly scope: string;
}

export interface WorkflowItem {
  readonly id: string;
  readonly repo: string;
  readonly name: string;
  readonly state: RunState;
  /** "failing for 2d 3h", "passing", "running", "cancelled". */
  readonly stateText: string;
  readonly when: string;
  readonly url: string;
}
export interface HealthItem {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly ok: boolean;
  /** "200 in 43 ms", "timed out after 5000 ms", "redirects to another host (x.example)". */
  readonly statusText: string;
  readonly snippet: string;
  readonly lastPassed: string | null;
}
export interface SystemsData {
  readonly kind: 'systems';
  readonly workflows: readonly WorkflowItem[];
  readonly health: readonly HealthItem[];
  /** Repos whose runs could not be read: "acme/x: Not found on GitHub". */
  readonly problems: readonly string[];
}

export interface IncidentItem {
  readonly id: string;
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly severity: string | null;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
  readonly age: string;
  /** What "Escalate" adds; null when there is nothing left to add. */
  readonly escalateTo: string | null;
}
export interface DueChoiceView {
  readonly label: string;
  readonly date: string;
}
export interface IncidentsData {
  readonly kind: 'incidents';
  readonly items: readonly IncidentItem[];
  readonly members: readonly string[];
  readonly dueChoices: readonly DueChoiceView[];
}

export interface MilestoneItem {
  readonly id: string;
  readonly repo: string;
  readonly title: string;
  readonly url: string;
  readonly open: number;
  readonly closed: number;
  readonly percent: number;
  readonly daysLeft: string;
  readonly atRisk: boolean;
  readonly riskText: string;
}
export interface MilestonesData {
  readonly kind: 'milestones';
  readonly items: readonly MilestoneItem[];
  readonly problems: readonly string[];
}

export interface TaskLine {
  readonly id: string;
  readonly title: string;
  readonly due: string;
}
export interface PersonItem {
  readonly id: string;
  readonly login: string;
  readonly overdue: readonly TaskLine[];
  readonly dueToday: readonly TaskLine[];
  /** Reviews waiting on them: "2 reviews waiting · oldest 5h 10m · 1 past SLA" (team members only, once loaded). */
  readonly reviewLoad?: string;
}
export interface QueueSummaryView {
  readonly count: number;
  readonly oldest: string | null;
  readonly breaching: readonly { readonly id: string; readonly text: string }[];
  /** Why the queue may be stale or missing; null when fresh. */
  readonly notice: string | null;
}
export interface NudgeLine {
  readonly id: string;
  /** `@mira on acme/api#12`. */
  readonly text: string;
  /** The nudge comment on GitHub. */
  readonly url: string;
  /** `nudged Tue 1 Dec 16:05 · no answer`. */
  readonly detail: string;
}
export interface NudgesView {
  /** Yesterday's nudges with no answer (or none known). */
  readonly items: readonly NudgeLine[];
  /** Why answers are not known (GitHub failed); null when they are. */
  readonly note: string | null;
  /** How many of yesterday's nudges were looked at. */
  readonly asked: number;
}
export interface TeamData {
  readonly kind: 'team';
  /** The teammates (never a bot nor an agent named in leadDesk.team.agents) and anyone else work was handed to. */
  readonly people: readonly PersonItem[];
  /**
   * Coding agents' work, apart from the people's: "Agents: 2 PRs open, 1 ready for review · agents'
   * items: 1 overdue, 0 due today"; absent when they have none.
   */
  readonly agentWork?: string;
  readonly queue: QueueSummaryView;
  /** Yesterday's unanswered nudges; absent until they are read. */
  readonly nudges?: NudgesView;
}

export interface SplitView {
  readonly label: string;
  readonly technical: string;
  readonly managerial: string;
  /** "62% technical", or "nothing tracked". */
  readonly share: string;
}
/** Today against the calendar: its meetings, the free blocks and whether the technical target fits. */
export interface DayView {
  /** `10:30–12:00 Sprint planning` (`meeting` when titles are not kept). */
  readonly meetings: readonly string[];
  /** "Technical target 4h — 2h 30m free in 3 blocks: 09:00–10:30, 13:00–13:30, 16:00–16:30". */
  readonly line: string;
  /** "It fits.", "1h 30m short: …", or empty on a day off. */
  readonly verdict: string;
  readonly fits: boolean;
}
export interface PlanData {
  readonly kind: 'plan';
  readonly yesterday: SplitView;
  readonly week: SplitView;
  readonly targetPercent: number;
  readonly defaultTarget: number;
  readonly running: 'technical' | 'managerial' | null;
  /** Absent when no calendar is connected. */
  readonly day?: DayView;
}

export type SectionData = CommunicationData | SystemsData | IncidentsData | MilestonesData | TeamData | PlanData;

export type SectionView =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  /** `newIds`: items not seen in the last review (empty on a first review). */
  | { readonly status: 'ready'; readonly data: SectionData; readonly newIds: readonly string[] };

export interface SectionState {
  readonly id: SectionId;
  readonly title: string;
  readonly checked: boolean;
  readonly notes: string;
  readonly view: SectionView;
  /** The outcome of the last action in this section ("Escalated acme/api#3 to sev1"). */
  readonly notice: { readonly text: string; readonly error: boolean } | null;
}

export interface HistoryRow {
  readonly id: string;
  readonly when: string;
  readonly checked: number;
  readonly notes: number;
}

export interface ReviewState {
  readonly streak: number;
  readonly lastReview: string | null;
  readonly hasPrevious: boolean;
  /** Set once this review is saved: "Saved 09:24". */
  readonly finished: string | null;
  readonly history: readonly HistoryRow[];
  readonly sections: readonly SectionState[];
}

export type ReviewToWebview = DataOrError<ReviewState>;

export interface OpenMessage { readonly type: 'open'; readonly url: string }
export interface RetryMessage { readonly type: 'retry'; readonly section: SectionId }
export interface CheckMessage { readonly type: 'check'; readonly section: SectionId; readonly checked: boolean }
export interface NotesMessage { readonly type: 'notes'; readonly section: SectionId; readonly text: string }
export interface MarkReadMessage { readonly type: 'markRead'; readonly threadId: string }
export interface MarkGroupReadMessage { readonly type: 'markGroupRead'; readonly reason: ReasonGroup }
export interface DelegateMessage { readonly type: 'delegate'; readonly repo: string; readonly number: number; readonly assignee: string }
export interface EscalateMessage { readonly type: 'escalate'; readonly repo: string; readonly number: number }
export interface ScheduleMessage { readonly type: 'schedule'; readonly repo: string; readonly number: number; readonly assignee: string; readonly due: string }
export interface SetTargetMessage { readonly type: 'setTarget'; readonly percent: number }
export interface StartTimerMessage { readonly type: 'startTimer'; readonly mode: 'technical' | 'managerial' }
export interface RunCommandMessage { readonly type: 'runCommand'; readonly command: 'openReviewQueue' | 'focusSidebar' }
export interface FinishMessage { readonly type: 'finish' }
export interface NewReviewMessage { readonly type: 'newReview' }

export type ReviewFromWebview =
  | ReadyMessage | OpenMessage | RetryMessage | CheckMessage | NotesMessage | MarkReadMessage | MarkGroupReadMessage
  | DelegateMessage | EscalateMessage | ScheduleMessage | SetTargetMessage | StartTimerMessage | RunCommandMessage
  | FinishMessage | NewReviewMessage;

/** Longest notes kept per section. */
export const MAX_NOTES = 4000;

const oneOf = (values: readonly string[]): FieldCheck => (v) => typeof v === 'string' && values.includes(v);
const repo = boundedString(201, REPO_NAME);
const issueNumber = integerIn(1, 2 ** 31 - 1);
const section = oneOf(SECTION_IDS);

export const isReviewMessage = messageGuard<ReviewFromWebview>({
  ready: {},
  open: { url: boundedString(MAX_LINK_LENGTH) },
  retry: { section },
  check: { section, checked: isBoolean },
  notes: { section, text: boundedString(MAX_NOTES) },
  markRead: { threadId: boundedString(20, /^\d{1,20}$/) },
  markGroupRead: { reason: oneOf(REASON_GROUPS) },
  delegate: { repo, number: issueNumber, assignee: boundedString(39, LOGIN) },
  escalate: { repo, number: issueNumber },
  schedule: { repo, number: issueNumber, assignee: boundedString(39, LOGIN), due: boundedString(10, /^\d{4}-\d{2}-\d{2}$/) },
  setTarget: { percent: integerIn(0, 100) },
  startTimer: { mode: oneOf(['technical', 'managerial']) },
  runCommand: { command: oneOf(['openReviewQueue', 'focusSidebar']) },
  finish: {},
  newReview: {},
});

export const reviewProtocol = panelProtocol<ReviewToWebview, ReviewFromWebview>(isReviewMessage);

/** The review page's strings, sent by the host in the display language (`reviewText`, read with `hostText`). */
export const REVIEW_TEXT_KEYS = [
  'title', 'onlyNew', 'finish', 'startNext', 'done', 'loading', 'notes', 'notesOn', 'history', 'streakOne', 'streakMany', 'streakHelp',
  'lastReview', 'firstReview', 'sectionsDone', 'historyRow', 'historyRowNotes', 'noHistory', 'retry', 'newCount', 'seenHidden',
  // The section bodies (webview-src/shared/reviewSections.ts).
  'newBadge', 'newTitle', 'open', 'openOnGitHub', 'markRead', 'markAllRead', 'notificationsScope', 'inboxZero',
  'stateFailure', 'stateSuccess', 'stateRunning', 'stateOther', 'lastRun', 'lastPassed', 'neverPassed',
  'workflowsHeading', 'noWorkflowRuns', 'healthHeading', 'noHealthChecks', 'nothingNew', 'memberFor', 'dueFor',
  'dueChoice', 'openedAgo', 'assignedTo', 'unassigned', 'delegate', 'delegateHelp', 'escalateTo', 'escalated',
  'schedule', 'scheduleHelp', 'setTeamToDelegate', 'noIncidents', 'atRisk', 'onTrack', 'percentDone', 'closedOf',
  'noMilestones', 'nothingDue', 'overdueAndDueToday', 'overdueWasDue', 'dueToday', 'delegatedWork', 'noTeamMembers',
  'reviewQueue', 'waitingForReview', 'pastSla', 'oldest', 'openReviewQueue', 'showInSidebar', 'unansweredNudges',
  'allNudgesAnswered', 'todayInCalendar', 'noMeetingsToday', 'splitLabel', 'splitLine', 'todaysTarget', 'setForToday',
  'defaultTarget', 'startTechnical', 'startManagerial', 'timerTechnical', 'timerManagerial',
  ...SECTION_IDS.map((id) => `section.${id}` as const),
] as const;
export type ReviewText = Readonly<Record<(typeof REVIEW_TEXT_KEYS)[number], string>>;
