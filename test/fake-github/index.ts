// Public entry of the fake GitHub: the server, the scenarios and the shape builders.
export { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions, type FakeGitHubStats, type LoggedRequest } from './server';
export type { Fault, RouteMatcher, RequestInfo } from './faults';
export type { RateLimitOptions } from './rate-limit';
export type { RateResource } from './http-kit';
export type { GraphQLFieldFault, GitHubGraphQLError } from './graphql/endpoint';
export { githubSchema } from './graphql/schema';
export * from './scenario';
export { demoScenario, bigScenario, reviewScenario, businessDaysBefore, type BigScenarioOptions } from './scenarios';
export { addInboxStates, INBOX_TITLES, pushCommit, submitReview } from './inboxScenario';
export * as shapes from './builders';
export { addFork, addForkPullRun } from './forkRuns';
export { addReviewBot, addTurnaroundHistories, removeReviewRequest, TURNAROUND_BOT, type TurnaroundHistoryOptions, type TurnaroundHistorySummary } from './turnaroundScenario';
export * from './teamWork';
