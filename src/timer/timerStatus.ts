/**
 * The status bar item: `$(code) Technical 2h 10m`, `$(organization) Managerial 1h 05m` or
 * `$(debug-pause) Paused`, with today's split against the target in the tooltip.
 */
import * as vscode from 'vscode';
import { balanceAgainstTarget } from '../core/balance';
import type { Meeting } from '../core/calendar';
import { formatClock } from '../core/clock';
import { withoutIconSyntax } from '../core/iconSyntax';
import type { Mode, TimeEntry } from '../core/timeEntry';
import { formatDuration, todayTotals } from '../core/timeline';
import { Commands, StatusBarIds } from '../ids';

const LOOK: Record<Mode, { icon: string; label: () => string }> = {
  technical: { icon: '$(code)', label: () => vscode.l10n.t('Technical') },
  managerial: { icon: '$(organization)', label: () => vscode.l10n.t('Managerial') },
};

export class TimerStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem(StatusBarIds.timer, vscode.StatusBarAlignment.Left, 100);

  constructor() {
    this.item.name = vscode.l10n.t('Lead Desk Timer');
    this.item.command = Commands.switchMode;
    this.item.text = `$(debug-pause) ${vscode.l10n.t('Paused')}`;
    this.item.show();
  }

  /**
   * `today` holds today's entries including the running one; `meeting` is the calendar's meeting
   * under way: while it runs the item reads `Managerial · Sprint planning until 11:00`.
   */
  render(running: TimeEntry | null, today: readonly TimeEntry[], targetPercent: number, now: number, away?: string, meeting?: Meeting): void {
    const totals = todayTotals(today, now);
    const inMeeting = meeting ? meetingText(meeting) : undefined;
    if (running) {
      const look = LOOK[running.mode];
      const what = inMeeting ? `· ${inMeeting}` : formatDuration(totals[running.mode]);
      this.item.text = `${look.icon} ${look.label()} ${what}${away ? ' $(clock)' : ''}`;
    } else {
      this.item.text = `$(debug-pause) ${vscode.l10n.t('Paused')}`;
    }
    const balance = balanceAgainstTarget(totals, targetPercent);
    const md = new vscode.MarkdownString('', true);
    md.isTrusted = false;
    md.appendMarkdown(`**${vscode.l10n.t('Lead Desk — today')}**\n\n`);
    md.appendMarkdown(`$(code) ${vscode.l10n.t('Technical {0}', formatDuration(totals.technical))}  \n$(organization) ${vscode.l10n.t('Managerial {0}', formatDuration(totals.managerial))}\n\n`);
    md.appendText(balance.state === 'no-data'
      ? vscode.l10n.t('Target: {0}% technical', targetPercent)
      : vscode.l10n.t('{0}% technical against a {1}% target', Math.round(balance.technicalPercent ?? 0), targetPercent));
    if (inMeeting) md.appendMarkdown('\n\n').appendText(vscode.l10n.t('In a meeting from your calendar: {0}', inMeeting));
    if (away) md.appendMarkdown('\n\n').appendText(away);
    md.appendMarkdown(`\n\n${vscode.l10n.t('Click to switch mode, pause, add a note or see the balance.')}`);
    this.item.tooltip = md;
    this.item.backgroundColor = undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** Longest meeting title the status bar shows; the tooltip has the same, the calendar the rest. */
const MAX_TITLE = 40;

/** `Sprint planning until 11:00`, or `meeting until 11:00` when titles are not kept. Text only: no icons. */
function meetingText(meeting: Meeting): string {
  const until = formatClock(meeting.end, vscode.env.language);
  const title = meeting.title?.replace(/\s+/g, ' ').trim();
  if (!title) return vscode.l10n.t('meeting until {0}', until);
  const short = title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
  return vscode.l10n.t('{0} until {1}', withoutIconSyntax(short), until);
}
