/**
 * The Morning Review panel (host side): six sections that load on their own, check marks and
 * notes, actions on notifications and incidents, and saving the finished review to the history.
 */
import * as vscode from 'vscode';
import type { CalendarService } from '../calendar/calendarService';
import type { Config } from '../config';
import { toLocalDate } from '../core/localDate';
import type { GitHubConnection } from '../github/api';
import type { InboxService } from '../inbox/inboxService';
import { webHostFor } from '../github/api';
import { Commands, StateKeys, Views, ViewTypes } from '../ids';
import type { Stores } from '../store';
import type { TimerController } from '../timer/timerController';
import { WebviewPanelHost, type PanelSite } from '../webview/panel';
import type { PanelDescriptor } from '../webview/registerPanel';
import { ReviewActions } from './actions';
import { historyView, STREAK_LOOKBACK, type HistoryView } from './history';
import { loadPlan, loadTeam, setTodayTarget } from './localSections';
import { reviewProtocol, SECTION_IDS, type ReviewFromWebview, type ReviewState, type SectionId } from './protocol';
import { describeError, loadCommunication, loadIncidents, loadMilestones, loadSystems, type SectionContext } from './sections';
import { ReviewSession, type LoadedSection } from './session';
import { unansweredNudges } from './nudgeSection';
import { reviewText } from './webviewText';
import { reviewWords } from './reviewWords';
import type { NudgesView } from './protocol';
import { readState, writeState } from '../util/state';

export interface ReviewDeps {
  readonly config: Config;
  readonly github: GitHubConnection;
  readonly stores: Promise<Stores>;
  readonly inbox: InboxService;
  readonly timer: TimerController;
  /** Today's meetings for Plan the day. */
  readonly calendar: CalendarService;
  /** `context.globalState`: today's draft, today's target, health checks' last pass. */
  readonly memento: vscode.Memento;
}


export class MorningReviewPanel extends WebviewPanelHost<ReviewFromWebview, ReviewState> {
  static readonly viewType = ViewTypes.morningReview;
  private session: ReviewSession | null = null;
  private history: HistoryView = { streak: 0, rows: [], lastReview: null };
  private readonly loads = new Map<SectionId, Promise<void>>();
  private starting: Promise<void>;
  private readonly actions: ReviewActions;
  /** The loaders' sentences; VS Code's display language is fixed until a reload. */
  private readonly words = reviewWords();
  private readonly teamRefreshed = new WeakSet<ReviewSession>();
  /** Yesterday's unanswered nudges, asked of GitHub once per review (and on Retry), not on every sidebar change. */
  private readonly nudgeViews = new WeakMap<ReviewSession, Promise<NudgesView>>();

  /** The panel's descriptor: showing an open review reveals it, and starts the next review when it is finished. */
  static descriptor(deps: ReviewDeps): PanelDescriptor<MorningReviewPanel, ReviewFromWebview> {
    const create = (site: PanelSite<ReviewFromWebview>) => new MorningReviewPanel(site, deps);
    const reuse = (open: MorningReviewPanel) => {
      if (open.session?.finishedAt != null) void open.restart();
      return true;
    };
    return { viewType: MorningReviewPanel.viewType, title: vscode.l10n.t('Morning Review'), app: 'review', stylesheets: ['review.css'], protocol: reviewProtocol, text: reviewText, create, revive: create, reuse };
  }

  private constructor(site: PanelSite<ReviewFromWebview>, private readonly deps: ReviewDeps) {
    super(site);
    this.actions = new ReviewActions({
      session: () => this.session,
      settings: () => deps.config.settings,
      github: (fn) => deps.github.run(fn),
      addTask: async (task) => (await deps.stores).tasks.add(task),
      refreshWork: () => deps.inbox.refresh(),
      reloadTasks: () => deps.inbox.reloadTasks(),
      refuse: (reason) => this.refuse(reason),
      changed: () => void this.refresh(),
      now: Date.now,
      words: this.words,
    });
    // Local sections follow the sidebar and the timer; neither costs a GitHub request.
    let teamChange: ReturnType<typeof setTimeout> | undefined;
    this.register(deps.inbox.onDidChange((snapshot) => {
      if (!this.session || snapshot.refreshing) return;
      clearTimeout(teamChange);
      teamChange = setTimeout(() => void this.load('team', true), 200);
    }));
    this.register({ dispose: () => clearTimeout(teamChange) });
    this.register(deps.timer.onDidChange(() => { if (this.session) void this.load('plan', true); }));
    this.starting = this.begin();
  }

  /** The state the webview shows (tests read it); undefined until the history has loaded. */
  get reviewState(): ReviewState | undefined {
    if (!this.session) return undefined;
    return {
      streak: this.history.streak, lastReview: this.history.lastReview, hasPrevious: this.session.previous !== null,
      finished: this.session.finishedAt === null ? null : vscode.l10n.t('Saved {0}', new Date(this.session.finishedAt).toTimeString().slice(0, 5)),
      history: this.history.rows, sections: this.session.states(),
    };
  }

  /** Resolves when every section has finished loading (or failed). */
  async settled(): Promise<void> {
    await this.starting;
    while ([...this.loads.values()].length > 0) await Promise.all([...this.loads.values()]);
  }

  private restart(): Promise<void> {
    this.starting = this.begin();
    return this.starting;
  }

  /** A new review: the latest saved one becomes the baseline for "new". */
  private async begin(): Promise<void> {
    const stores = await this.deps.stores;
    const reviews = await stores.reviews.list({ limit: STREAK_LOOKBACK });
    const now = Date.now();
    this.history = historyView(reviews, now, this.deps.config.settings.businessDays, vscode.env.language);
    const draft = readState(this.deps.memento, StateKeys.reviewDraft);
    this.session = new ReviewSession(reviews[0] ?? null, draft?.date === toLocalDate(now) ? draft : undefined);
    void this.refresh();
    for (const id of SECTION_IDS) void this.load(id);
  }

  /** (Re)loads one section; `quiet` keeps the shown data until the new data is there. */
  private load(id: SectionId, quiet = false): Promise<void> {
    const session = this.session;
    if (!session || this.isDisposed) return Promise.resolve();
    const token = session.startLoad(id, quiet);
    if (id === 'team' && !quiet) this.nudgeViews.delete(session);
    if (!quiet) void this.refresh();
    const run = (async () => {
      try {
        const loaded = await this.loader(id, session);
        if (session === this.session) session.ready(id, token, loaded);
      } catch (e) {
        console.warn(`[lead-desk] morning review: ${id} failed: ${describeError(e)}`);
        if (session === this.session) session.fail(id, token, describeError(e));
      }
      await this.refresh();
    })().finally(() => { if (this.loads.get(id) === run) this.loads.delete(id); });
    this.loads.set(id, run);
    return run;
  }

  private loader(id: SectionId, session: ReviewSession): Promise<LoadedSection> {
    const deps = this.deps;
    const ctx: SectionContext = {
      settings: () => deps.config.settings,
      github: (fn) => deps.github.run(fn),
      repositories: () => deps.inbox.repositories.resolve(),
      lastReviewAt: session.previous?.finishedAt ?? null,
      memento: deps.memento,
      now: Date.now,
      locale: vscode.env.language,
      words: this.words,
    };
    switch (id) {
      case 'communication': return loadCommunication(ctx);
      case 'systems': return loadSystems(ctx);
      case 'incidents': return loadIncidents(ctx);
      case 'milestones': return loadMilestones(ctx);
      case 'team': return this.loadTeam(session);
      case 'plan': return loadPlan({
        settings: () => deps.config.settings, memento: deps.memento, now: Date.now, timerMode: () => deps.timer.current?.mode ?? null, locale: vscode.env.language, words: this.words,
        timeEntries: async (from, to) => (await deps.stores).time.entriesBetween(from, to),
        meetings: async (from, to) => ((await deps.calendar.connected()) ? deps.calendar.meetingsBetween(from, to) : undefined),
      });
    }
  }

  private async loadTeam(session: ReviewSession): Promise<LoadedSection> {
    const inbox = this.deps.inbox;
    // The sidebar usually loaded at activation; if it never did, the review waits for it once.
    if (inbox.snapshot.asOf === null && !this.teamRefreshed.has(session)) {
      this.teamRefreshed.add(session);
      await inbox.refresh();
    }
    const tasks = (await this.deps.stores).tasks;
    await tasks.refresh();
    const team = loadTeam({ ...inbox.snapshot, tasks: [...tasks.list()] }, this.deps.config.settings, Date.now(), vscode.env.language, this.words);
    const nudges = await this.nudgesFor(session);
    return {
      ...team,
      data: team.data.kind === 'team' ? { ...team.data, nudges } : team.data,
      counts: { ...team.counts, unansweredNudges: nudges.items.length },
    };
  }

  private nudgesFor(session: ReviewSession): Promise<NudgesView> {
    let view = this.nudgeViews.get(session);
    if (!view) {
      const { github, inbox, config } = this.deps;
      view = inbox.nudges.reload().catch(() => inbox.nudges.all)
        .then((records) => unansweredNudges(records, Date.now(), config.settings.businessDays, (list) => github.run((s) => s.nudgeAnswers(list)), vscode.env.language, this.words));
      this.nudgeViews.set(session, view);
    }
    return view;
  }

  protected currentData(): ReviewState | undefined {
    return this.reviewState;
  }

  protected async onMessage(message: ReviewFromWebview): Promise<void> {
    await this.starting;
    const session = this.session;
    if (!session) return;
    switch (message.type) {
      case 'open':
        await this.openLink(message.url, webHostFor(this.deps.config.settings.apiUrl));
        return;
      case 'retry':
        await this.load(message.section);
        return;
      case 'check':
        session.setChecked(message.section, message.checked);
        await this.saveDraft();
        await this.refresh();
        return;
      case 'notes':
        session.setNotes(message.section, message.text);
        await this.saveDraft();
        return;
      case 'markRead': return this.actions.markRead([message.threadId], 'the notification');
      case 'markGroupRead': return this.actions.markGroupRead(message.reason);
      case 'delegate': return this.actions.delegate(message.repo, message.number, message.assignee);
      case 'escalate': return this.actions.escalate(message.repo, message.number);
      case 'schedule': return this.actions.schedule(message.repo, message.number, message.assignee, message.due);
      case 'setTarget':
        await setTodayTarget(this.deps.memento, message.percent, Date.now());
        await this.load('plan', true);
        return;
      case 'startTimer':
        await vscode.commands.executeCommand(message.mode === 'technical' ? Commands.startTechnical : Commands.startManagerial);
        return;
      case 'runCommand':
        await vscode.commands.executeCommand(message.command === 'openReviewQueue' ? Commands.openReviewQueue : `${Views.work}.focus`);
        return;
      case 'finish': return this.finish();
      case 'newReview':
        if (session.finishedAt !== null) await this.restart();
        return;
    }
  }

  private async finish(): Promise<void> {
    const session = this.session;
    if (!session || session.finishedAt !== null) return;
    const finishedAt = Date.now();
    const stores = await this.deps.stores;
    await stores.reviews.append(session.toRecord(finishedAt));
    session.finishedAt = finishedAt;
    await writeState(this.deps.memento, StateKeys.reviewDraft, undefined);
    this.history = historyView(await stores.reviews.list({ limit: STREAK_LOOKBACK }), finishedAt, this.deps.config.settings.businessDays, vscode.env.language);
    await this.refresh();
  }

  private async saveDraft(): Promise<void> {
    if (this.session && this.session.finishedAt === null) await writeState(this.deps.memento, StateKeys.reviewDraft, this.session.draft(toLocalDate(Date.now())));
  }
}
