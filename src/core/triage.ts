/**
 * Incident severity from labels. `severityLabels` is the configured list, most severe first
 * (e.g. `['sev1', 'sev2', 'sev3', 'incident']`); labels match case-insensitively because teams
 * spell them `SEV1` and `sev1` in different repos.
 */

/** The part of an issue that triage orders by. */
export interface TriageIssue {
  readonly labels: readonly string[];
  /** Epoch ms. */
  readonly createdAt: number;
}

/**
 * Position of the issue's most severe label in `severityLabels` (0 = most severe);
 * `severityLabels.length` when it carries none, so unlabelled issues sort last.
 */
export function severityRank(labels: readonly string[], severityLabels: readonly string[]): number {
  const present = new Set(labels.map((l) => l.toLowerCase()));
  const index = severityLabels.findIndex((s) => present.has(s.toLowerCase()));
  return index === -1 ? severityLabels.length : index;
}

/** Most severe first, then oldest first; equal issues keep their input order. */
export function orderIncidents<T extends TriageIssue>(issues: readonly T[], severityLabels: readonly string[]): T[] {
  return issues
    .map((issue) => ({ issue, rank: severityRank(issue.labels, severityLabels) }))
    .sort((a, b) => a.rank - b.rank || a.issue.createdAt - b.issue.createdAt)
    .map(({ issue }) => issue);
}

/**
 * The label to add when escalating: one step more severe than the issue's current severity,
 * the least severe label when it has none, and `null` when it is already at the top (or no
 * severity labels are configured). Returned as spelled in `severityLabels`.
 */
export function nextSeverityLabel(labels: readonly string[], severityLabels: readonly string[]): string | null {
  if (severityLabels.length === 0) return null;
  const rank = severityRank(labels, severityLabels);
  return rank === 0 ? null : severityLabels[rank - 1]!;
}

/** Whether an issue carries any configured severity label, i.e. belongs in incident triage. */
export function isIncident(labels: readonly string[], severityLabels: readonly string[]): boolean {
  return severityRank(labels, severityLabels) < severityLabels.length;
}
