/**
 * "Lead Desk: Connect Calendar…": ICS feeds (their addresses in SecretStorage) and local .ics
 * files, read at most every 15 minutes (or on "Refresh Calendars") into calendars.json, where
 * the balance reads the meetings. Nothing from a calendar is sent anywhere.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatClock } from '../core/clock';
import { displayDates } from '../core/displayDates';
import { randomId } from '../core/randomId';
import type { FeatureContext } from '../feature';
import { Commands, SecretKeys } from '../ids';
import type { LeadDeskSettings } from '../settings';
import type { CalendarService } from './calendarService';
import { CalendarStore } from './calendarStore';
import { CALENDAR_REFRESH_MS, feedSource, fileSource, refreshCalendar, type LocalFileAccess, type RefreshRules } from './calendarSync';
import { calendarAddressProblem, normalizeCalendarAddress } from './fetchCalendar';
import { lazyCalendarReader } from './lazyCalendarReader';

/** How often the feeds are checked for being due (each is asked at most every 15 minutes). */
const CHECK_EVERY_MS = 60_000;

export function rulesOf(settings: LeadDeskSettings): RefreshRules {
  return { myEmails: settings.calendarMyEmails, countTentative: settings.calendarTentative, keepTitles: settings.calendarKeepTitles };
}

function localFile(uri: vscode.Uri): LocalFileAccess {
  return {
    stat: async () => {
      const stat = await vscode.workspace.fs.stat(uri);
      return { mtime: stat.mtime, size: stat.size };
    },
    read: async () => new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)),
  };
}

export function register(ctx: FeatureContext): vscode.Disposable {
  const secretKey = (id: string) => `${SecretKeys.calendarAddressPrefix}${id}`;
  const storeReady = ctx.stores.then((stores) => CalendarStore.open(stores.dir));
  const changed = new vscode.EventEmitter<void>();
  // ical.js loads at the first calendar read, not at activation.
  const readMeetings = lazyCalendarReader();
  let disposed = false;
  let listening: { dispose(): void } | undefined;
  // A change in calendars.json, from this window or another (the store watches the file).
  void storeReady.then((store) => { if (!disposed) listening = store.onDidChange(() => changed.fire()); }, () => undefined);
  const service: CalendarService = {
    meetingsBetween: async (start, end) => (await storeReady.catch(() => undefined))?.meetingsBetween(start, end) ?? [],
    connected: async () => ((await storeReady.catch(() => undefined))?.calendars().length ?? 0) > 0,
    onDidChange: changed.event,
  };
  ctx.provide('calendar', service);
  let refreshing: Promise<void> | undefined;

  /** Reads every calendar that is due (all of them when `force`); says so when one fails. */
  const refreshAll = (force: boolean): Promise<void> => {
    const run = async () => {
      const store = await storeReady;
      const rules = rulesOf(ctx.config.settings);
      for (const calendar of store.calendars()) {
        let source;
        if (calendar.path !== undefined) source = fileSource(localFile(vscode.Uri.file(calendar.path)));
        else {
          const address = await ctx.secrets.get(secretKey(calendar.id));
          if (!address) continue;
          source = feedSource(address);
        }
        const hadProblem = calendar.problem !== undefined;
        const outcome = await refreshCalendar(readMeetings, store, calendar.id, source, rules, Date.now(), force);
        if (outcome.kind === 'failed' && (force || !hadProblem)) {
          const asOf = outcome.asOf === undefined
            ? vscode.l10n.t('Calendar "{0}" could not be read: {1}', calendar.label, outcome.problem)
            : vscode.l10n.t('Calendar "{0}" as of {1}: {2}', calendar.label, formatClock(outcome.asOf, vscode.env.language), outcome.problem);
          void vscode.window.showWarningMessage(asOf);
        }
      }
    };
    // One refresh at a time; a forced one waits for the running one and then runs.
    const next = (refreshing ?? Promise.resolve()).then(run, run);
    refreshing = next.catch(() => undefined);
    return next;
  };

  const connect = async (): Promise<string | undefined> => {
    const address = vscode.l10n.t('Calendar address (ICS link)');
    const file = vscode.l10n.t('Local .ics file');
    const pick = await vscode.window.showQuickPick([
      { label: address, detail: vscode.l10n.t('Google "Secret address in iCal format", Outlook "ICS" link, Fastmail, Nextcloud…') },
      { label: file, detail: vscode.l10n.t('An exported calendar on this machine') },
    ], { title: vscode.l10n.t('Connect Calendar') });
    if (!pick) return undefined;
    const store = await storeReady;
    const id = randomId('cal-');
    if (pick.label === file) {
      const [uri] = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { [vscode.l10n.t('Calendars')]: ['ics', 'ical', 'ifb', 'icalendar'] }, title: vscode.l10n.t('Connect Calendar') }) ?? [];
      if (!uri) return undefined;
      await store.add({ id, label: path.basename(uri.fsPath), path: uri.fsPath });
    } else {
      const typed = await vscode.window.showInputBox({
        title: vscode.l10n.t('Connect Calendar'),
        prompt: vscode.l10n.t('The calendar\'s ICS address. It is a secret: Lead Desk keeps it in VS Code\'s secret storage, never in settings or logs.'),
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() ? calendarAddressProblem(value) : null),
      });
      if (!typed?.trim() || calendarAddressProblem(typed)) return undefined;
      const normalized = normalizeCalendarAddress(typed);
      await ctx.secrets.store(secretKey(id), normalized);
      await store.add({ id, label: new URL(normalized).hostname });
    }
    await refreshAll(true);
    const connected = store.get(id);
    if (connected && connected.problem === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Calendar "{0}" connected: {1} meetings in the last 8 weeks and the next 2.', connected.label, connected.meetings.length));
    }
    return id;
  };

  const disconnect = async (): Promise<void> => {
    const store = await storeReady;
    const calendars = store.calendars();
    if (calendars.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No calendar is connected.'));
      return;
    }
    const pick = await vscode.window.showQuickPick(
      calendars.map((c) => ({ label: c.label, description: c.fetchedAt ? vscode.l10n.t('as of {0}', displayDates(vscode.env.language).dayAndTime(c.fetchedAt)) : '', id: c.id })),
      { title: vscode.l10n.t('Disconnect Calendar'), placeHolder: vscode.l10n.t('Its address and its meetings are forgotten') },
    );
    if (!pick) return;
    await ctx.secrets.delete(secretKey(pick.id));
    await store.remove(pick.id);
  };

  const timer = setInterval(() => void refreshAll(false).catch(() => undefined), CHECK_EVERY_MS);
  // The first check after activation has returned (no network during activation).
  const first = setTimeout(() => void refreshAll(false).catch(() => undefined), Math.min(5_000, CALENDAR_REFRESH_MS));
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.connectCalendar, connect),
    vscode.commands.registerCommand(Commands.disconnectCalendar, disconnect),
    vscode.commands.registerCommand(Commands.refreshCalendars, () => refreshAll(true)),
    changed,
    {
      dispose: () => {
        disposed = true;
        clearInterval(timer);
        clearTimeout(first);
        listening?.dispose();
        void storeReady.then((s) => s.dispose(), () => undefined);
      },
    },
  );
}
