/** The Morning Review page's strings in VS Code's display language; `{0}`… are filled in the webview (`fill`). */
import * as vscode from 'vscode';
import type { ReviewText } from './protocol';

export function reviewText(): ReviewText {
  return {
    title: vscode.l10n.t('Morning Review'),
    onlyNew: vscode.l10n.t('Only what\'s new'),
    finish: vscode.l10n.t('Finish review'),
    startNext: vscode.l10n.t('Start the next review'),
    done: vscode.l10n.t('Done'),
    loading: vscode.l10n.t('Loading…'),
    notes: vscode.l10n.t('Notes'),
    notesOn: vscode.l10n.t('Notes on {0}', '{0}'),
    history: vscode.l10n.t('History'),
    streakOne: vscode.l10n.t('Streak: {0} day', '{0}'),
    streakMany: vscode.l10n.t('Streak: {0} days', '{0}'),
    streakHelp: vscode.l10n.t('Days in a row with a Morning Review. A missed working day breaks it; a non-working day never does, and counts when you reviewed.'),
    lastReview: vscode.l10n.t('Last review: {0}', '{0}'),
    firstReview: vscode.l10n.t('First review'),
    sectionsDone: vscode.l10n.t('{0} / {1} sections done', '{0}', '{1}'),
    historyRow: vscode.l10n.t('{0} — {1} / {2} sections checked', '{0}', '{1}', '{2}'),
    historyRowNotes: vscode.l10n.t('{0} — {1} / {2} sections checked, {3} with notes', '{0}', '{1}', '{2}', '{3}'),
    noHistory: vscode.l10n.t('No saved reviews yet.'),
    retry: vscode.l10n.t('Retry'),
    newCount: vscode.l10n.t('{0} new', '{0}'),
    seenHidden: vscode.l10n.t('{0} seen in the last review (hidden: untick "Only what\'s new" to show them)', '{0}'),
    'section.communication': vscode.l10n.t('Communication'),
    'section.systems': vscode.l10n.t('Systems check'),
    'section.incidents': vscode.l10n.t('Incident triage'),
    'section.milestones': vscode.l10n.t('Project milestones'),
    'section.team': vscode.l10n.t('Team & reviews'),
    'section.plan': vscode.l10n.t('Plan the day'),
  };
}
