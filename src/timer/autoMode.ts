/**
 * {@link Settings.autoMode}: feeds what the lead does (their own edits to workspace files, managerial
 * views reported through `TimerController.reportActivity`, mode changes, the idle question) to
 * the pure decider in core/autoMode.ts, and acts on its proposals through the store's lock, so
 * that of several windows only one switches or suggests. `suggest` shows a status-bar prompt
 * that one click accepts and that goes away by itself; `switch` switches and offers an Undo in
 * the status bar for 30 s that puts the previous entry back exactly.
 */
import * as vscode from 'vscode';
import { AutoModeDecider, describeSignal, initialAutoModeState, type AutoModeEvent, type AutoModeProposal } from '../core/autoMode';
import type { MeetingModeProposal } from '../core/meetingDay';
import type { Mode } from '../core/timeEntry';
import type { Config } from '../config';
import { Commands, ContextKeys, StatusBarIds } from '../ids';
import type { AutoChange, AutoSwitchUndo } from '../store';
import { Disposable } from '../util/disposable';
import { describeForNotification } from '../util/errors';
import type { TimerController } from './timerController';

/** The part of the time store automatic changes go through. */
export interface AutoModeStore {
  /** As this window last read it. */
  readonly lastAutoAt: number | null;
  autoSwitch(change: AutoChange): Promise<AutoSwitchUndo | null>;
  claimSuggestion(change: AutoChange): Promise<boolean>;
  undoAutoSwitch(undo: AutoSwitchUndo, at: number): Promise<boolean>;
}

/** How long the Undo of an automatic switch stays offered. */
export const UNDO_MS = 30_000;
/** How long a suggestion stays in the status bar. */
export const SUGGESTION_MS = 60_000;
/**
 * A meeting's change is refused this soon after another automatic change or a switch: enough for
 * the windows that all wake at a meeting's start to make one change between them, and short
 * enough that the lead's own switch a minute before the meeting does not cancel it.
 */
export const MEETING_GAP_MS = 5_000;

const LABEL: Record<Mode, () => string> = { technical: () => vscode.l10n.t('Technical'), managerial: () => vscode.l10n.t('Managerial') };
const ICON: Record<Mode, string> = { technical: '$(code)', managerial: '$(organization)' };

type Offer =
  | { readonly kind: 'undo'; readonly undo: AutoSwitchUndo; readonly proposal: AutoModeProposal }
  | { readonly kind: 'suggestion'; readonly proposal: AutoModeProposal };

export class AutoMode extends Disposable {
  /** Made at its first use: reading the settings waits until after activation. */
  private deciderInstance: AutoModeDecider | undefined;
  private readonly initialState: ReturnType<typeof initialAutoModeState>;
  private readonly item = this.register(vscode.window.createStatusBarItem(StatusBarIds.autoMode, vscode.StatusBarAlignment.Left, 99));
  private offer: Offer | null = null;
  private offerTimer: ReturnType<typeof setTimeout> | undefined;
  /** Proposals are acted on one at a time (each is a locked store transaction). */
  private acting: Promise<void> = Promise.resolve();
  private readonly offered = this.register(new vscode.EventEmitter<Offer | null>());
  /** Fires when the status-bar offer (undo or suggestion) appears or goes; for tests. */
  readonly onDidChangeOffer = this.offered.event;

  constructor(
    private readonly timer: TimerController,
    private readonly store: AutoModeStore,
    private readonly config: Config,
    /** Called after this window changed the mode (heads-down status follows it). */
    private readonly onModeChange: (mode: Mode | null) => void,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.item.name = vscode.l10n.t('Lead Desk Automatic Mode');
    const running = timer.current;
    this.initialState = initialAutoModeState(running?.mode ?? null, running?.start ?? this.now(), store.lastAutoAt);
    this.register(config.onDidChange(() => {
      this.deciderInstance?.configure(this.options());
      if (this.config.settings.autoMode === 'off') this.withdraw();
    }));
    this.register(timer.leadActivity.onDidEdit(({ document }) => {
      // The lead's own typing (never an agent's or another extension's edit, nor another
      // window's), in files of the workspace only: not untitled scratch or settings.
      if (!vscode.workspace.getWorkspaceFolder(document.uri)) return;
      this.feed({ kind: 'edit', at: this.now() });
    }));
    this.register(timer.onActivitySignal((signal) => this.feed({ kind: 'view', at: this.now(), signal })));
    this.register(timer.onDidChangeAwayQuestion((open) => this.feed({ kind: 'idle-prompt', at: this.now(), open })));
    this.register(timer.onDidChange(() => this.followTimer()));
    this.register({ dispose: () => clearTimeout(this.offerTimer) });
    this.register(vscode.commands.registerCommand(Commands.acceptModeSuggestion, () => this.accept()));
    this.register(vscode.commands.registerCommand(Commands.undoAutoSwitch, () => this.undo()));
  }

  /** The lead's current streak of edits toward Technical (null: none), as the decider counts it. */
  get editStreak(): { readonly since: number; readonly last: number } | null {
    return this.decider.state.streak;
  }

  /** What the status bar offers now (undo or suggestion), or null. */
  get currentOffer(): Offer | null {
    return this.offer;
  }

  /**
   * A meeting began or ended (see MeetingFollower): switch or suggest as the calendar says, through
   * the same store lock and status-bar offers as the other signals.
   */
  followCalendar(proposal: MeetingModeProposal): Promise<void> {
    this.acting = this.acting.then(() => this.act(proposal, MEETING_GAP_MS)).catch((e) => console.warn('[lead-desk] automatic mode change for a meeting failed', e));
    return this.acting;
  }

  /** Set by MeetingFollower: while a meeting runs, typing (notes, most likely) does not turn the timer Technical. */
  meetingUnderWay: () => boolean = () => false;

  /** Puts back what the last automatic switch replaced; false if there was nothing to undo or the timer changed since. */
  async undo(): Promise<boolean> {
    const offer = this.offer;
    if (offer?.kind !== 'undo') return false;
    this.withdraw();
    try {
      const undone = await this.store.undoAutoSwitch(offer.undo, this.now());
      await this.timer.reload();
      if (!undone) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: the timer changed since the automatic switch, so there is nothing to undo.'));
        return false;
      }
      this.onModeChange(offer.undo.previous?.mode ?? null);
      return true;
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Lead Desk: could not undo the automatic switch: {0}', describeForNotification(e)));
      return false;
    }
  }

  private async accept(): Promise<void> {
    const offer = this.offer;
    if (offer?.kind !== 'suggestion') return;
    this.withdraw();
    // Automatic mode never starts a stopped or paused timer: the click switches only if the timer
    // still runs the mode the suggestion was made for (another window may have stopped it).
    await this.timer.reload();
    if (this.timer.current?.mode !== offer.proposal.from) return;
    // The lead's own choice, made with a click: the same path as the command.
    await vscode.commands.executeCommand(offer.proposal.to === 'technical' ? Commands.startTechnical : Commands.startManagerial);
  }

  private get decider(): AutoModeDecider {
    this.deciderInstance ??= new AutoModeDecider(this.initialState, this.options());
    return this.deciderInstance;
  }

  private options() {
    return { setting: this.config.settings.autoMode, autoMinutes: this.config.settings.autoMinutes };
  }

  private feed(event: AutoModeEvent): void {
    const proposal = this.decider.handle(event);
    if (proposal?.signal === 'edits' && this.meetingUnderWay()) return;
    if (proposal) this.acting = this.acting.then(() => this.act(proposal)).catch((e) => console.warn('[lead-desk] automatic mode change failed', e));
  }

  /** The timer reloaded (a switch here or in another window): tell the decider what runs now. */
  private followTimer(): void {
    const running = this.timer.current;
    this.feed({ kind: 'mode', at: this.now(), mode: running?.mode ?? null, ...(running ? { since: running.start } : {}) });
    const last = this.store.lastAutoAt;
    if (last !== null) this.feed({ kind: 'auto-recorded', at: last });
    // A suggestion made for a mode that no longer runs (switched, stopped, paused), or an undo
    // of a switch that was replaced, is moot: accepting it must not start a stopped timer.
    const offer = this.offer;
    if (offer?.kind === 'suggestion' && running?.mode !== offer.proposal.from) this.withdraw();
    if (offer?.kind === 'undo' && running?.id !== offer.undo.started.id) this.withdraw();
  }

  private async act(proposal: AutoModeProposal, minGapMs = this.config.settings.autoMinutes * 60_000): Promise<void> {
    if (this.timer.isAskingAboutAway) return;
    const change: AutoChange = { from: proposal.from, to: proposal.to, signal: proposal.signal, at: proposal.at, minGapMs };
    if (proposal.action === 'suggest') {
      if (await this.store.claimSuggestion(change)) this.show({ kind: 'suggestion', proposal }, SUGGESTION_MS);
      return;
    }
    const undo = await this.store.autoSwitch(change);
    await this.timer.reload();
    if (!undo) return; // another window decided first, or the lead switched meanwhile
    this.onModeChange(proposal.to);
    this.show({ kind: 'undo', undo, proposal }, UNDO_MS);
  }

  private show(offer: Offer, forMs: number): void {
    clearTimeout(this.offerTimer);
    this.offer = offer;
    const { to, signal } = offer.proposal;
    const why = describeSignal(signal);
    if (offer.kind === 'undo') {
      this.item.text = `$(discard) ${vscode.l10n.t('Undo switch to {0}', LABEL[to]())}`;
      this.item.tooltip = vscode.l10n.t('Lead Desk switched to {0} because {1}. Click within 30 seconds to undo it; the previous entry runs on as if nothing happened.', LABEL[to](), why);
      this.item.command = Commands.undoAutoSwitch;
    } else {
      this.item.text = `$(lightbulb) ${ICON[to]} ${vscode.l10n.t('{0}?', LABEL[to]())}`;
      this.item.tooltip = vscode.l10n.t('Lead Desk: {0}. Click to switch to {1}.', why, LABEL[to]());
      this.item.command = Commands.acceptModeSuggestion;
    }
    this.item.show();
    void vscode.commands.executeCommand('setContext', ContextKeys.autoSwitchUndo, offer.kind === 'undo');
    void vscode.commands.executeCommand('setContext', ContextKeys.modeSuggestion, offer.kind === 'suggestion');
    this.offerTimer = setTimeout(() => this.withdraw(), forMs);
    this.offered.fire(offer);
  }

  private withdraw(): void {
    clearTimeout(this.offerTimer);
    if (!this.offer) return;
    this.offer = null;
    this.item.hide();
    void vscode.commands.executeCommand('setContext', ContextKeys.autoSwitchUndo, false);
    void vscode.commands.executeCommand('setContext', ContextKeys.modeSuggestion, false);
    this.offered.fire(null);
  }
}
