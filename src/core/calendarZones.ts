import { WINDOWS_ZONES } from './windowsZones';

/**
 * Wall-clock time in a named zone to an instant, for the TZIDs a calendar uses without defining
 * them in a VTIMEZONE: IANA names (`Europe/Berlin`, Google) and Windows names
 * (`W. Europe Standard Time`, Outlook). Returns `undefined` for a name neither knows, so the
 * caller can fall back to floating (the lead's own) time.
 */
export function zonedWallTimeToInstant(wall: WallTime, tzid: string): number | undefined {
  const format = formatterFor(tzid);
  if (!format) return undefined;
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  // The offset at the guess, then at the corrected instant: two passes settle every wall time
  // except those a clock change skips (they land an hour later, as the clocks themselves do).
  let instant = asUtc - offsetAt(format, asUtc);
  const second = asUtc - offsetAt(format, instant);
  if (second !== instant) instant = Math.max(instant, second);
  return instant;
}

export interface WallTime {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** The IANA zone for a TZID as calendars write it, or `undefined` when it names no known zone. */
export function ianaZoneFor(tzid: string): string | undefined {
  const trimmed = tzid.trim();
  if (isIanaZone(trimmed)) return trimmed;
  // Outlook's Windows names: CLDR's default zone for each (src/core/windowsZones.ts, generated).
  const mapped = Object.hasOwn(WINDOWS_ZONES, trimmed) ? WINDOWS_ZONES[trimmed] : undefined;
  return mapped !== undefined && isIanaZone(mapped) ? mapped : undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(tzid: string): Intl.DateTimeFormat | undefined {
  let format = formatters.get(tzid);
  if (format === undefined) {
    const zone = ianaZoneFor(tzid);
    format = zone
      ? new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      : null;
    formatters.set(tzid, format);
  }
  return format ?? undefined;
}

function isIanaZone(name: string): boolean {
  if (!name.includes('/') && name !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Milliseconds the zone is ahead of UTC at `instant`. */
function offsetAt(format: Intl.DateTimeFormat, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wallAsUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wallAsUtc - Math.floor(instant / 1000) * 1000;
}
