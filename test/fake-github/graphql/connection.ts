// Relay connections the way GitHub pages them: `first`/`last` with `after`/`before` cursors.
import { GraphQLError } from 'graphql';

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  totalCount: number;
  nodes: T[];
  edges: Edge<T>[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** GitHub's search cursors are `base64("cursor:N")`, N the 1-based position; every list here uses that form. */
export function encodeCursor(position: number): string {
  return Buffer.from(`cursor:${position}`).toString('base64');
}

export function decodeCursor(cursor: string): number {
  const m = /^cursor:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!m) throw new GraphQLError(`\`${cursor}\` does not appear to be a valid cursor.`, { extensions: { type: 'INVALID_CURSOR_ARGUMENTS' } });
  return Number(m[1]);
}

/**
 * One page of `all`. `cap` limits how far paging reaches (search stops at 1,000 results:
 * `hasNextPage` turns false there, while `totalCount`/`issueCount` still report every match).
 */
export function connection<T>(all: readonly T[], args: ConnectionArgs, cap = Infinity): Connection<T> {
  const reachable = Math.min(all.length, cap);
  let start = args.after ? Math.min(decodeCursor(args.after), reachable) : 0;
  let end = args.before ? Math.max(Math.min(decodeCursor(args.before) - 1, reachable), start) : reachable;
  const windowStart = start;
  const windowEnd = end;
  if (typeof args.first === 'number') end = Math.min(end, start + args.first);
  if (typeof args.last === 'number') start = Math.max(start, end - args.last);
  const edges = all.slice(start, end).map((node, i) => ({ cursor: encodeCursor(start + i + 1), node }));
  return {
    totalCount: all.length,
    nodes: edges.map((e) => e.node),
    edges,
    pageInfo: {
      hasNextPage: end < windowEnd || (args.before !== undefined && args.before !== null && windowEnd < reachable),
      hasPreviousPage: start > windowStart || windowStart > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
