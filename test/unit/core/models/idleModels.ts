/*
 * Reference models of the timer's rules, kept for the tests: the stores do the same work on
 * their own shape (TimeStore.replaceEntries with idleSpanReplacement, crash recovery with
 * core/crash.ts), and the tests check them against these plain functions over a list of entries.
 */
import { otherMode, type IdleDecision, type IdleSpan } from '../../../../src/core/idle';
import { randomId } from '../../../../src/core/randomId';
import type { Mode, TimeEntry } from '../../../../src/core/timeEntry';

/**
 * Rewrites entries for the lead's decision about `span`. An entry crossing a span edge is split
 * there: the part before keeps the entry's id, later parts get new ids, and a running entry keeps
 * running after the span. Time outside the span is untouched; time inside is kept, moved to the
 * other mode, or removed.
 */
export function applyIdleDecision(
  entries: readonly TimeEntry[],
  span: IdleSpan,
  decision: IdleDecision,
  makeId: () => string = () => randomId(),
): TimeEntry[] {
  if (decision === 'keep' || span.end <= span.start) return [...entries];
  return entries.flatMap((entry) => splitAroundSpan(entry, span, decision, makeId));
}

function splitAroundSpan(entry: TimeEntry, span: IdleSpan, decision: 'other-mode' | 'drop', makeId: () => string): TimeEntry[] {
  const entryEnd = entry.end ?? Number.POSITIVE_INFINITY;
  const overlapStart = Math.max(entry.start, span.start);
  const overlapEnd = Math.min(entryEnd, span.end);
  if (overlapStart >= overlapEnd) return [entry];

  const pieces: Omit<TimeEntry, 'id'>[] = [];
  if (entry.start < span.start) pieces.push(closedPiece(entry, entry.start, span.start, entry.mode));
  if (decision === 'other-mode') pieces.push(closedPiece(entry, overlapStart, overlapEnd, otherMode(entry.mode)));
  if (entryEnd > span.end) {
    // The remainder keeps the entry's own end (null while running); the lead was seen at span.end.
    const heartbeat = entry.end === null ? Math.max(entry.heartbeat ?? span.end, span.end) : entry.heartbeat;
    pieces.push(withOptional({ ...entry, start: span.end }, 'heartbeat', heartbeat));
  }
  return pieces.map((piece, i) => ({ ...piece, id: i === 0 ? entry.id : makeId() }));
}

/** A piece ending at the entry's own end keeps how it ended; one cut at a span edge was ended by idle. */
function closedPiece(entry: TimeEntry, start: number, end: number, mode: Mode): Omit<TimeEntry, 'id'> {
  const closedBy = end === entry.end ? entry.closedBy : 'idle';
  const heartbeat = entry.heartbeat === undefined ? undefined : Math.min(Math.max(entry.heartbeat, start), end);
  return withOptional(withOptional({ ...entry, mode, start, end }, 'closedBy', closedBy), 'heartbeat', heartbeat);
}

/**
 * Closes an entry left running by a crash or kill at its last heartbeat — never at "now", which
 * would credit all the time the editor was closed. Without a heartbeat it becomes zero-length.
 */
export function closeCrashedEntry(entry: TimeEntry): TimeEntry {
  if (entry.end !== null) return entry;
  return { ...entry, end: Math.max(entry.start, entry.heartbeat ?? entry.start), closedBy: 'crash' };
}

/** Sets or removes an optional key, so stored JSON never carries `"key": undefined`. */
function withOptional<T extends object, K extends keyof T>(value: T, key: K, optional: T[K] | undefined): T {
  const copy = { ...value };
  if (optional === undefined) delete copy[key];
  else copy[key] = optional;
  return copy;
}
