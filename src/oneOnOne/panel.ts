/** The 1:1 prep panel (host side): one teammate's items, the running notes and action items. */
import * as vscode from 'vscode';
import type { CalendarService } from '../calendar/calendarService';
import type { Config } from '../config';
import { formatClock } from '../core/clock';
import { displayDates } from '../core/displayDates';
import { toLocalDate } from '../core/localDate';
import { nextMeetingWith } from '../core/meetingDay';
import { oneOnOneItems } from '../core/oneOnOne';
import { webHostFor } from '../github/api';
import { StateKeys, ViewTypes } from '../ids';
import type { Stores } from '../store';
import { WebviewPanelHost, type PanelSite } from '../webview/panel';
import type { PanelDescriptor } from '../webview/registerPanel';
import type { InboxService } from '../inbox/inboxService';
import { oneOnOneProtocol, type OneOnOneFromWebview, type OneOnOneView } from './protocol';
import { readState, writeState } from '../util/state';
import { NotesSession } from './notesSession';
import { oneOnOneText } from './webviewText';
import type { TeamTurnaround } from '../turnaround/turnaroundService';
import { oneOnOneLine } from '../turnaround/turnaroundText';

export interface OneOnOneDeps {
  readonly config: Config;
  readonly stores: Promise<Stores>;
  readonly inbox: InboxService;
  readonly memento: vscode.Memento;
  /** The lead's calendars: the next meeting with the teammate. */
  readonly calendar?: Pick<CalendarService, 'meetingsBetween' | 'onDidChange'>;
  /** Each teammate's review turnaround (read, at most once a day, when a 1:1 opens). */
  readonly turnaround?: Pick<TeamTurnaround, 'of' | 'ensure' | 'onDidChange'>;
  /** The clock (tests); the panel writes the notes of the day it was opened on. */
  readonly now?: () => number;
}

/** The teammate of the open panel, so a window reload brings the same 1:1 back. */

export class OneOnOnePanel extends WebviewPanelHost<OneOnOneFromWebview, OneOnOneView> {
  static readonly viewType = ViewTypes.oneOnOne;

  /**
   * The panel's descriptor: `show(login)` reveals the open 1:1 with `login` or replaces a 1:1 with
   * someone else; a reload brings back the teammate `remember` saved (a panel without one closes).
   */
  static descriptor(deps: OneOnOneDeps): PanelDescriptor<OneOnOnePanel, OneOnOneFromWebview, [login: string]> {
    return {
      viewType: OneOnOnePanel.viewType, title: vscode.l10n.t('1:1'), app: 'oneOnOne', stylesheets: ['oneOnOne.css'], protocol: oneOnOneProtocol, text: oneOnOneText,
      create: (site, login) => new OneOnOnePanel(site, deps, login),
      revive: (site) => {
        const login = readState(deps.memento, StateKeys.oneOnOneLogin);
        return typeof login === 'string' && /^[A-Za-z0-9-]{1,39}$/.test(login) ? new OneOnOnePanel(site, deps, login) : undefined;
      },
      // A panel opened on another day writes that day's notes: a new 1:1 gets a new panel.
      reuse: (open, login) => open.login === login && open.date === toLocalDate((deps.now ?? Date.now)()),
    };
  }

  /** Saves the teammate of the 1:1 being opened, for the revival after a reload. */
  static remember(memento: vscode.Memento, login: string): Thenable<void> {
    return writeState(memento, StateKeys.oneOnOneLogin, login);
  }

  /** The data last sent to the webview (tests read it). */
  view: OneOnOneView | undefined;

  private readonly now: () => number;
  private readonly notes: NotesSession;

  private constructor(site: PanelSite<OneOnOneFromWebview>, private readonly deps: OneOnOneDeps, readonly login: string) {
    super(site);
    this.now = deps.now ?? Date.now;
    this.notes = new NotesSession(deps.stores.then((s) => s.oneOnOnes), login, this.now);
    this.panel.title = `1:1 with ${login}`;
    this.register(deps.inbox.onDidChange(() => void this.refresh()));
    if (deps.calendar) this.register(deps.calendar.onDidChange(() => void this.refresh()));
    if (deps.turnaround) {
      this.register(deps.turnaround.onDidChange(() => void this.refresh()));
      void deps.turnaround.ensure();
    }
    // Another window's notes, action items or nudges show here as soon as they are saved.
    void deps.stores.then((s) => {
      const watch = s.oneOnOnes.onDidChange(() => void this.refresh());
      if (this.isDisposed) watch.dispose();
      else this.register(watch);
    }, () => undefined);
  }

  /** `yyyy-MM-dd`: the 1:1 this panel writes notes for, the day it was opened. */
  get date(): string {
    return this.notes.date;
  }

  protected async currentData(): Promise<OneOnOneView> {
    this.view = await this.build(this.now());
    return this.view;
  }

  /** What the panel shows at `now`, with the notes of the day it was opened (also without a webview, for tests). */
  async build(now: number): Promise<OneOnOneView> {
    const stores = await this.deps.stores;
    await stores.tasks.refresh();
    const person = await stores.oneOnOnes.person(this.login);
    const unreadable = await stores.oneOnOnes.unreadable(this.login);
    const snapshot = this.deps.inbox.snapshot;
    const items = oneOnOneItems({
      login: this.login, now, tasks: stores.tasks.list(), delegatedIssues: snapshot.delegatedIssues, reviews: snapshot.reviews,
      ownPullRequests: snapshot.ownPullRequests, nudges: person.nudges ?? [], agents: this.deps.config.settings.teamAgents,
    });
    const date = this.notes.date;
    const notice = !snapshot.signedIn ? vscode.l10n.t('Sign in to GitHub to see pull requests and GitHub issues.')
      : snapshot.failure ? snapshot.failure.describe() : snapshot.asOf === null ? vscode.l10n.t('GitHub items are still loading.') : null;
    return {
      ...items, login: this.login, date, notice, nextMeeting: await this.nextMeeting(now),
      reviewPickup: oneOnOneLine(this.deps.turnaround?.of(this.login)) || null,
      todayNotes: person.meetings.find((m) => m.date === date)?.notes ?? '',
      notesSaved: this.notes.lastSave,
      unreadable: unreadable === null ? null : unreadable.record
        ? vscode.l10n.t('Some of the 1:1 notes about {0} in one-on-ones.json could not be read (the "Lead Desk" log says why). They stay in the file, and your next change here merges them back.', this.login)
        : vscode.l10n.t('{0} 1:1 entries about {1} in one-on-ones.json could not be read (the "Lead Desk" log says why). They stay in the file.', unreadable.items, this.login),
      pastNotes: person.meetings.filter((m) => m.date !== date).reverse().map((m) => ({ date: m.date, notes: m.notes })),
      actions: [...person.actions]
        .sort((a, b) => Number(a.doneAt !== undefined) - Number(b.doneAt !== undefined) || a.createdAt - b.createdAt)
        .map((a) => ({ id: a.id, text: a.text, date: a.date, done: a.doneAt !== undefined })),
    };
  }

  /** How far ahead the next meeting with the teammate is looked for (the calendar keeps two weeks ahead). */
  private static readonly MEETING_HORIZON_MS = 15 * 86_400_000;

  private async nextMeeting(now: number): Promise<string | null> {
    if (!this.deps.calendar) return null;
    const meetings = await this.deps.calendar.meetingsBetween(now, now + OneOnOnePanel.MEETING_HORIZON_MS).catch(() => []);
    const next = nextMeetingWith(meetings, this.login, now);
    if (!next) return null;
    const when = `${displayDates(vscode.env.language).dayAndTime(next.start)}–${formatClock(next.end, vscode.env.language)}`;
    return next.title ? `${when} · ${next.title}` : when;
  }

  protected async onMessage(message: OneOnOneFromWebview): Promise<void> {
    const notes = (await this.deps.stores).oneOnOnes;
    switch (message.type) {
      case 'saveNotes':
        // Under the day the panel was opened for; the next view answers `seq` (and says if
        // another window's text was kept with this one).
        try {
          await this.notes.save(message.notes, message.base, message.seq);
        } finally {
          await this.refresh(); // the answer, also to a failed save
        }
        return;
      case 'addAction':
        if (message.text.trim()) await this.notes.addAction(message.text);
        break;
      case 'toggleAction':
        await notes.setActionDone(this.login, message.id, message.done, this.now());
        break;
      case 'open':
        await this.openLink(message.url, webHostFor(this.deps.config.settings.apiUrl));
        return;
    }
    await this.refresh();
  }
}
