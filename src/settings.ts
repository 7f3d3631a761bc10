/**
 * Typed, validated settings — pure (no `vscode`), so every rule is unit tested.
 * `parseSettings` takes raw values as VS Code returns them and yields a complete `LeadDeskSettings`
 * plus one problem per bad value; the bad value is replaced by its default, never half-used.
 */
import { AUTO_MODE_SETTINGS, type AutoModeSetting } from './core/autoMode';
import type { AlertScope } from './core/buildAlerts';
import type { BusinessHours } from './core/businessHours';
import { QUIET_HOURS_DEFAULT, QUIET_HOURS_MAX, QUIET_HOURS_MIN } from './core/nudges';
import { REPO_NAME } from './core/repoName';
import { SETTINGS_SECTION, Settings, type SettingKey } from './ids';
import { AGENT_LOGIN } from './core/login';

export interface HealthCheck {
  readonly name: string;
  readonly url: string;
  readonly expectedStatus: number;
  readonly timeoutMs: number;
}

export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface LeadDeskSettings {
  readonly apiUrl: string;
  readonly repositories: readonly string[];
  readonly refreshMinutes: number;
  readonly requestTimeoutSeconds: number;
  readonly teamMembers: readonly string[];
  /** Coding agents the lead hands issues to (bot logins, `[bot]` optional): their PRs are delegated work. */
  readonly teamAgents: readonly string[];
  readonly slaHours: number;
  /** Business days without activity after which a review or PR is "stale"; 0 = never. */
  readonly staleDays: number;
  /** Working days as date-fns day numbers (0 = Sunday). */
  readonly businessDays: readonly number[];
  readonly businessStart: string;
  readonly businessEnd: string;
  /** The three above as one value, built once here for every feature that counts business time. */
  readonly businessHours: BusinessHours;
  readonly idleMinutes: number;
  readonly githubStatus: boolean;
  readonly headsDownMinutes: number;
  /** Automatic mode switching: off, suggest in the status bar, or switch with an undo. */
  readonly autoMode: AutoModeSetting;
  /** Minutes of edits before Technical, and the least time between two automatic changes. */
  readonly autoMinutes: number;
  readonly technicalTarget: number;
  readonly severityLabels: readonly string[];
  readonly escalationLabel: string;
  readonly healthChecks: readonly HealthCheck[];
  /** Red-build alerts: `all` watched workflows, `off`, or the workflows named. */
  readonly alerts: AlertScope;
  readonly reminderTime: string;
  readonly groupBy: 'person' | 'dueDate';
  /** Business hours after a nudge during which another to the same person on the same item asks first. */
  readonly nudgeQuietHours: number;
  /** The lead's own addresses in calendars: a meeting one of them declined is not counted. */
  readonly calendarMyEmails: readonly string[];
  /** Technical time that overlaps a meeting counts as the `meeting` (default) or as the `timer` says. */
  readonly calendarOverlap: 'meeting' | 'timer';
  /** Whether tentative meetings (and invitations not yet answered) count. */
  readonly calendarTentative: boolean;
  /** false: the store keeps meetings' times only, no titles or attendees. */
  readonly calendarKeepTitles: boolean;
}

export interface SettingProblem {
  /** Full setting id: the section, a dot and the key (see {@link settingId}). */
  readonly setting: string;
  readonly message: string;
  /** What Lead Desk does meanwhile; "its default is used until it is fixed" when absent. */
  readonly outcome?: string;
}

export const DEFAULT_SETTINGS: LeadDeskSettings = {
  apiUrl: 'https://api.github.com',
  repositories: [],
  refreshMinutes: 5,
  requestTimeoutSeconds: 20,
  teamMembers: [],
  teamAgents: [],
  slaHours: 24,
  staleDays: 3,
  businessDays: [1, 2, 3, 4, 5],
  businessStart: '09:00',
  businessEnd: '17:00',
  businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
  idleMinutes: 10,
  githubStatus: false,
  headsDownMinutes: 90,
  autoMode: 'off',
  autoMinutes: 5,
  technicalTarget: 60,
  severityLabels: ['sev1', 'sev2', 'sev3', 'incident'],
  escalationLabel: 'escalated',
  healthChecks: [],
  alerts: 'all',
  reminderTime: '',
  groupBy: 'person',
  nudgeQuietHours: QUIET_HOURS_DEFAULT,
  calendarMyEmails: [],
  calendarOverlap: 'meeting',
  calendarTentative: true,
  calendarKeepTitles: true,
};

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A parser returns the value, or a `Problem` saying what is wrong with it. */
class Problem {
  constructor(readonly message: string) {}
}
type Parser<T> = (value: unknown) => T | Problem;

const number = (min: number, max: number): Parser<number> => (v) =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : new Problem(`must be a number from ${min} to ${max}`);

const stringList = (re: RegExp | null, what: string): Parser<string[]> => (v) => {
  if (!Array.isArray(v)) return new Problem(`must be a list of ${what}`);
  const bad = v.find((x) => typeof x !== 'string' || x.trim() === '' || (re !== null && !re.test(x)));
  if (bad !== undefined) return new Problem(`${JSON.stringify(bad)} is not one of the ${what}`);
  return [...new Set(v as string[])];
};

const pattern = (re: RegExp, what: string): Parser<string> => (v) =>
  typeof v === 'string' && re.test(v) ? v : new Problem(`must be ${what}`);

/** Hosts that may be reached over plain http: only this machine (the tests' fake GitHub). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '[::1]' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * The API URL decides where the GitHub token goes, so it must be https — plain http only to
 * this machine — and carry no credentials, query or fragment of its own.
 */
function parseApiUrl(v: unknown): string | Problem {
  if (typeof v !== 'string') return new Problem('must be a URL');
  let url: URL;
  try {
    url = new URL(v.trim());
  } catch {
    return new Problem(`${JSON.stringify(v)} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return new Problem('must be an https URL');
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return new Problem(`must use https (plain http is allowed only for 127.0.0.1, localhost and [::1]); ${JSON.stringify(v)} would send your token unencrypted`);
  }
  if (url.username || url.password) return new Problem('must not contain credentials; use "Lead Desk: Sign In to GitHub"');
  if (url.search || url.hash) return new Problem('must not have a query or a fragment');
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Scheme, host and port of an API URL: what a stored token belongs to. */
export function apiOrigin(apiUrl: string): string {
  return new URL(apiUrl).origin;
}

function parseHealthChecks(v: unknown): HealthCheck[] | Problem {
  if (!Array.isArray(v)) return new Problem('must be a list of { name, url, expectedStatus, timeoutMs }');
  const out: HealthCheck[] = [];
  for (const [i, item] of v.entries()) {
    if (typeof item !== 'object' || item === null) return new Problem(`item ${i + 1} must be an object`);
    const { name, url, expectedStatus = 200, timeoutMs = 5000 } = item as Record<string, unknown>;
    if (typeof name !== 'string' || !name.trim()) return new Problem(`item ${i + 1} needs a name`);
    if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/.test(url)) return new Problem(`item ${i + 1} ("${name}") needs an http(s) url`);
    if (typeof expectedStatus !== 'number' || expectedStatus < 100 || expectedStatus > 599) return new Problem(`item ${i + 1} ("${name}") has a bad expectedStatus`);
    if (typeof timeoutMs !== 'number' || timeoutMs < 100 || timeoutMs > 60000) return new Problem(`item ${i + 1} ("${name}") has a bad timeoutMs`);
    out.push({ name, url, expectedStatus, timeoutMs });
  }
  return out;
}

function parseAlertScope(v: unknown): AlertScope | Problem {
  if (v === 'all' || v === 'off') return v;
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x.trim() !== '' && x.length <= 200)) {
    return [...new Set((v as string[]).map((x) => x.trim()))];
  }
  return new Problem('must be "all", "off", or a non-empty list of workflow names ("deploy" or "acme/infra deploy")');
}

function parseDays(v: unknown): number[] | Problem {
  if (!Array.isArray(v) || v.length === 0) return new Problem('must be a non-empty list of weekdays (sun … sat)');
  const days = v.map((d) => WEEKDAYS.indexOf(d as Weekday));
  const bad = days.indexOf(-1);
  if (bad !== -1) return new Problem(`${JSON.stringify(v[bad])} is not a weekday (sun … sat)`);
  return [...new Set(days)].sort((a, b) => a - b);
}

/** Settings read from VS Code, one parser each; the rest of `LeadDeskSettings` is derived from them. */
type StoredSettings = Omit<LeadDeskSettings, 'businessHours'>;

const parsers: { [K in keyof StoredSettings]: Parser<StoredSettings[K]> } = {
  apiUrl: parseApiUrl,
  repositories: stringList(REPO_NAME, 'owner/repo names'),
  refreshMinutes: number(1, 120),
  requestTimeoutSeconds: number(2, 120),
  // An app's login (`name[bot]`) is read, and left out of the team with its own message (not a misspelling: src/inbox/teamLoadSource.ts).
  teamMembers: stringList(AGENT_LOGIN, 'GitHub logins'),
  teamAgents: stringList(AGENT_LOGIN, 'GitHub logins (an app\'s with or without [bot])'),
  slaHours: number(1, 720),
  staleDays: number(0, 60),
  businessDays: parseDays,
  businessStart: pattern(HHMM, 'a time as HH:MM'),
  businessEnd: pattern(HHMM, 'a time as HH:MM'),
  idleMinutes: number(1, 240),
  githubStatus: (v) => (typeof v === 'boolean' ? v : new Problem('must be true or false')),
  headsDownMinutes: number(15, 480),
  autoMode: (v) => (AUTO_MODE_SETTINGS.includes(v as AutoModeSetting) ? v as AutoModeSetting : new Problem('must be "off", "suggest" or "switch"')),
  autoMinutes: number(1, 120),
  technicalTarget: number(0, 100),
  severityLabels: stringList(null, 'label names'),
  escalationLabel: (v) => (typeof v === 'string' && v.trim() !== '' ? v : new Problem('must be a label name')),
  healthChecks: parseHealthChecks,
  alerts: parseAlertScope,
  reminderTime: pattern(/^(|([01]\d|2[0-3]):[0-5]\d)$/, 'empty or a time as HH:MM'),
  groupBy: (v) => (v === 'person' || v === 'dueDate' ? v : new Problem('must be "person" or "dueDate"')),
  nudgeQuietHours: number(QUIET_HOURS_MIN, QUIET_HOURS_MAX),
  calendarMyEmails: stringList(EMAIL, 'e-mail addresses'),
  calendarOverlap: (v) => (v === 'meeting' || v === 'timer' ? v : new Problem('must be "meeting" or "timer"')),
  calendarTentative: (v) => (typeof v === 'boolean' ? v : new Problem('must be true or false')),
  calendarKeepTitles: (v) => (typeof v === 'boolean' ? v : new Problem('must be true or false')),
};

/** Raw values keyed by setting key relative to `leadDesk` (`undefined` = not set → default). */
export type RawSettings = Partial<Record<SettingKey, unknown>>;

export function parseSettings(raw: RawSettings): { settings: LeadDeskSettings; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const field of Object.keys(parsers) as (keyof StoredSettings)[]) {
    const key = Settings[field];
    const value = raw[key];
    if (value === undefined) continue;
    const parsed = (parsers[field] as Parser<unknown>)(value);
    if (parsed instanceof Problem) problems.push({ setting: `${SETTINGS_SECTION}.${key}`, message: parsed.message });
    else settings[field] = parsed;
  }
  if (settings.businessStart as string >= (settings.businessEnd as string)) {
    problems.push({ setting: `${SETTINGS_SECTION}.${Settings.businessEnd}`, message: `must be after ${SETTINGS_SECTION}.${Settings.businessStart}` });
    settings.businessStart = DEFAULT_SETTINGS.businessStart;
    settings.businessEnd = DEFAULT_SETTINGS.businessEnd;
  }
  settings.businessHours = { days: settings.businessDays, start: settings.businessStart, end: settings.businessEnd };
  return { settings: settings as unknown as LeadDeskSettings, problems };
}

