/** The Code Review Queue's strings in VS Code's display language; `{0}`… are filled in the webview (`fill`). */
import * as vscode from 'vscode';
import type { QueueText } from './protocol';
import type { QueueDataWords } from './queueData';

/** The sentences `buildQueueData` fills with the time of the data. */
export function queueDataWords(): QueueDataWords {
  return {
    asOfNotice: vscode.l10n.t('As of {0} — {1}', '{0}', '{1}'),
    asOfSaved: vscode.l10n.t('As of {0} (saved)', '{0}'),
    updated: vscode.l10n.t('Updated {0}', '{0}'),
  };
}

export function queueText(): QueueText {
  return {
    title: vscode.l10n.t('Code Review Queue'),
    loading: vscode.l10n.t('Loading…'),
    notLoaded: vscode.l10n.t('Not loaded.'),
    filter: vscode.l10n.t('Filter'),
    filterPlaceholder: vscode.l10n.t('Filter by repository, author, title or label'),
    reviewState: vscode.l10n.t('Review state'),
    ciState: vscode.l10n.t('CI state'),
    slaState: vscode.l10n.t('SLA state'),
    drafts: vscode.l10n.t('Drafts'),
    directOnly: vscode.l10n.t('Direct requests only'),
    showSnoozed: vscode.l10n.t('Show snoozed'),
    anyState: vscode.l10n.t('Any state'),
    anyCi: vscode.l10n.t('Any CI'),
    anySla: vscode.l10n.t('Any SLA'),
    draftsAndReady: vscode.l10n.t('Drafts and ready'),
    readyOnly: vscode.l10n.t('Ready only'),
    draftsOnly: vscode.l10n.t('Drafts only'),
    reviewsHeading: vscode.l10n.t('Waiting for your review'),
    count: vscode.l10n.t('{0} of {1}', '{0}', '{1}'),
    countSnoozed: vscode.l10n.t('{0} of {1} · {2} snoozed', '{0}', '{1}', '{2}'),
    stateCount: vscode.l10n.t('{0}: {1}', '{0}', '{1}'),
    noReviewsMatch: vscode.l10n.t('No reviews match.'),
    ownHeading: vscode.l10n.t('My open pull requests'),
    noOwnPullRequests: vscode.l10n.t('You have no open pull requests.'),
    columnTitle: vscode.l10n.t('Pull request'),
    columnState: vscode.l10n.t('State'),
    columnRepo: vscode.l10n.t('Repository'),
    columnAuthor: vscode.l10n.t('Author'),
    columnWaiting: vscode.l10n.t('Waiting'),
    columnSize: vscode.l10n.t('Size'),
    columnCi: vscode.l10n.t('CI'),
    columnSla: vscode.l10n.t('SLA'),
    columnDraft: vscode.l10n.t('Draft'),
    columnReviews: vscode.l10n.t('Reviews'),
    columnActions: vscode.l10n.t('Actions'),
    // The inbox states as the tree names them (src/work/nodeParts.ts `stateLabel`).
    'state.needs-review': vscode.l10n.t('Needs your review'),
    'state.re-requested': vscode.l10n.t('Re-requested'),
    'state.waiting-on-author': vscode.l10n.t('Waiting on author'),
    'state.approved': vscode.l10n.t('Approved, not merged'),
    'state.changes-requested': vscode.l10n.t('Changes requested'),
    'state.waiting-on-reviewers': vscode.l10n.t('Waiting on reviewers'),
    'state.stale': vscode.l10n.t('Stale'),
    ciPassing: vscode.l10n.t('CI passing'),
    ciFailing: vscode.l10n.t('CI failing'),
    ciRunning: vscode.l10n.t('CI running'),
    noCi: vscode.l10n.t('No CI'),
    slaOk: vscode.l10n.t('OK'),
    slaDueSoon: vscode.l10n.t('Due soon'),
    slaBreached: vscode.l10n.t('Breached'),
    teamTag: vscode.l10n.t('team'),
    teamHint: vscode.l10n.t('Requested from one of your teams'),
    snoozedTag: vscode.l10n.t('snoozed'),
    draftTag: vscode.l10n.t('draft'),
    commitsSince: vscode.l10n.t('{0} commits since your review', '{0}'),
    size: vscode.l10n.t('{0} additions, {1} deletions', '{0}', '{1}'),
    open: vscode.l10n.t('Open'),
    openPr: vscode.l10n.t('Open {0} in the browser', '{0}'),
    checkOut: vscode.l10n.t('Check out'),
    checkOutPr: vscode.l10n.t('Check out {0}', '{0}'),
    snoozeButton: vscode.l10n.t('Snooze…'),
    snoozePr: vscode.l10n.t('Snooze {0}', '{0}'),
    snoozeUntil: vscode.l10n.t('Hide it from the queue until'),
    snooze: vscode.l10n.t('Snooze'),
    cancel: vscode.l10n.t('Cancel'),
  };
}
