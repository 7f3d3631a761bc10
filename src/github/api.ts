/**
 * The GitHub layer as the features see it: the only file of src/github/ a file outside it imports
 * (test/unit/github/api.test.ts). The session's `GitHubConnection.run` hands a feature a
 * `GitHubService`; a feature that needs a few of its calls takes `Pick<GitHubService, …>`, so a
 * test stub of those calls type-checks without a cast.
 *
 * Everything here loads in plain Node (no `vscode`), so the features' pure parts stay unit tested
 * there: the session itself (session/connection.ts, which needs `vscode`) is exported as a type,
 * and only the composition root, src/extension.ts, constructs it.
 */
export type { GitHubService, PostedComment, SearchPage } from './githubService';
export type { GitHubConnection } from './session/connection';
export { webHostFor, webOriginFor } from './session/sessionRules';

export { GitHubFailure, UnconfirmedWrite, lostAnswer, type FailureKind } from './transport/failure';
export type { WriteResult } from './transport/writeOnce';
export { mapLimited } from './transport/mapLimited';
export { isCachedResponses, PersistedResponseCache } from './transport/responseCache';

export type { GraphQLErrorLike, RateLimitReading } from './graphqlTypes';
export type { DelegatedIssue, OwnPullRequest } from './sidebarItems';
export type { SidebarData } from './ops/sidebarQuery';
export type { TeamLoadData } from './ops/teamLoadQuery';
export type { RequestedReviewers } from './ops/reviewRequests';
export { MERGE_METHOD_WORDS, mergeRefusal, type MergeMethod } from './ops/mergeMethod';
export type { Enqueued } from './ops/enqueue';
export {
  MILESTONE_WINDOW_DAYS,
  type IncidentIssue, type NotificationThread, type OpenMilestone, type RunState, type WorkflowStatus,
} from './morningReviewData';
export type { MorningReviewGitHub } from './ops/morningReviewQuery';
export { dayActivity, type DayActivity } from './ops/activity';
export { loadTurnaroundHistories, TURNAROUND_MAX_REQUESTS, type TurnaroundHistories } from './ops/reviewTurnaroundQuery';
