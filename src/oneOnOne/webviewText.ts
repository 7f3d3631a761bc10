/** The 1:1 webview's strings in VS Code's display language; `{0}`… are filled in the webview (`fill`). */
import * as vscode from 'vscode';
import type { OneOnOneText } from './protocol';

export function oneOnOneText(): OneOnOneText {
  return {
    nothingHere: vscode.l10n.t('Nothing here.'),
    nextMeeting: vscode.l10n.t('Next meeting together: '),
    delegated: vscode.l10n.t('Their delegated work'),
    agentWork: vscode.l10n.t('Coding agents on their issues'),
    waitingOnLead: vscode.l10n.t('Their PRs waiting on your review'),
    leadWaitsOn: vscode.l10n.t('Your PRs waiting on their review'),
    nudges: vscode.l10n.t('Nudges sent'),
    actionItems: vscode.l10n.t('Action items'),
    newActionItem: vscode.l10n.t('New action item'),
    add: vscode.l10n.t('Add'),
    notesOn: vscode.l10n.t('Notes of the 1:1 on {0}', '{0}'),
    earlier: vscode.l10n.t('Earlier 1:1s'),
    noEarlierNotes: vscode.l10n.t('No earlier notes.'),
    saving: vscode.l10n.t('saving…'),
    conflict: vscode.l10n.t('Another window saved different notes for this 1:1 at the same time. Both are kept: yours first, then theirs below the marker line.'),
    notSaved: vscode.l10n.t('not saved'),
    saved: vscode.l10n.t('saved'),
    titleWith: vscode.l10n.t('1:1 with {0}', '{0}'),
    fromDate: vscode.l10n.t('from {0}', '{0}'),
  };
}
