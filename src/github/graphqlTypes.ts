/**
 * The GraphQL shapes more than one query reads: GitHub's partial errors and the rate-limit budget
 * that rides in an answer. Types only, so any file of src/github/ can take them.
 */

/** A GraphQL error as GitHub reports it (only what is read here). */
export interface GraphQLErrorLike {
  readonly message?: string;
  readonly type?: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: Record<string, unknown>;
}

export interface RateLimitReading {
  readonly cost: number;
  readonly remaining: number;
  readonly limit: number;
  readonly resetAt: number;
}
