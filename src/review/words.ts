/**
 * The sentences the Morning Review's loaders build, in VS Code's display language: the panel
 * builds the table with `vscode.l10n.t` (`reviewWords`) and passes it to this folder's pure code,
 * which fills `{0}`… with `fill`. Free of `vscode`.
 */
import type { PlanWords } from '../core/meetingDay';

export interface ReviewWords extends PlanWords {
  /** Not signed in to GitHub: run "Lead Desk: Sign In to GitHub", then Retry. */
  readonly signedOut: string;
  /** No repositories watched: set "{0}" or open a GitHub checkout. */
  readonly noRepositories: string;
  /** all unread */
  readonly allUnread: string;
  /** unread since {0} */
  readonly unreadSince: string;
  /** Workflow runs: {0} */
  readonly workflowRuns: string;
  /** {0} in {1} ms */
  readonly healthStatus: string;
  /** {0} in {1} ms — {2} */
  readonly healthStatusProblem: string;
  /** just now */
  readonly justNow: string;
  /** {0} ago */
  readonly ago: string;
  /** failing */
  readonly failing: string;
  /** failing for {0} */
  readonly failingFor: string;
  /** passing */
  readonly passing: string;
  /** running */
  readonly running: string;
  /** Review requested */
  readonly 'reason.review_requested': string;
  /** Mentioned */
  readonly 'reason.mention': string;
  /** Team mentioned */
  readonly 'reason.team_mention': string;
  /** Assigned */
  readonly 'reason.assign': string;
  /** Your threads */
  readonly 'reason.author': string;
  /** CI activity */
  readonly 'reason.ci_activity': string;
  /** Security alerts */
  readonly 'reason.security_alert': string;
  /** Other */
  readonly 'reason.other': string;
  /** complete */
  readonly 'risk.complete': string;
  /** no due date */
  readonly 'risk.no-due-date': string;
  /** overdue */
  readonly 'risk.overdue': string;
  /** at risk: open work outpaces the recent closing rate */
  readonly 'risk.outpaced': string;
  /** on track */
  readonly 'risk.on-track': string;
  /** {0} ({1} closed in {2} days) */
  readonly riskDetail: string;
  /** no due date */
  readonly noDueDate: string;
  /** 1 day overdue */
  readonly dayOverdue: string;
  /** {0} days overdue */
  readonly daysOverdue: string;
  /** due today */
  readonly dueToday: string;
  /** 1 day left */
  readonly dayLeft: string;
  /** {0} days left */
  readonly daysLeft: string;
  /** @{0} on {1} */
  readonly nudgeOn: string;
  /** nudged {0} · {1} */
  readonly nudged: string;
  /** no answer */
  readonly noAnswer: string;
  /** no answer known */
  readonly noAnswerKnown: string;
  /** no answer known (GitHub did not say) */
  readonly noAnswerUnsaid: string;
  /** not signed in to GitHub */
  readonly nudgeSignedOut: string;
  /** No answer known: GitHub could not be asked ({0}). */
  readonly nudgeNotAsked: string;
  /** not a GitHub user — check the spelling in the team members setting */
  readonly notAUser: string;
  /** agents' items: {0} overdue, {1} due today */
  readonly agentItemsDue: string;
  /** review requests not loaded */
  readonly reviewsNotLoaded: string;
  /** no reviews waiting */
  readonly noReviewsWaiting: string;
  /** 1 review waiting */
  readonly reviewWaiting: string;
  /** {0} reviews waiting */
  readonly reviewsWaiting: string;
  /** oldest {0} */
  readonly oldestWait: string;
  /** {0} past SLA */
  readonly pastSla: string;
  /** {0} — waiting {1} (business hours) */
  readonly oldestInQueue: string;
  /** Sign in to GitHub to see the review queue. */
  readonly signInForQueue: string;
  /** As of {0} — {1} */
  readonly asOf: string;
  /** The review queue has not loaded yet. */
  readonly queueNotLoaded: string;
  /** nothing tracked */
  readonly nothingTracked: string;
  /** {0}% technical */
  readonly technicalShare: string;
  /** {0} (target {1}%) */
  readonly withTarget: string;
  /** Yesterday */
  readonly yesterday: string;
  /** Last working day ({0}) */
  readonly lastWorkingDay: string;
  /** This week */
  readonly thisWeek: string;
  /** meeting */
  readonly meeting: string;
}
