/** Labels on an issue or PR: added, removed, or moved up a severity (escalate); each write sent once and read back. */
import { labelNames, object } from '../parse';
import type { Transport } from '../transport/transport';
import { sendOnce } from '../transport/writeOnce';

/** The labels of an issue or PR, lower case, for reading back a label write. */
async function labelsOf(transport: Pick<Transport, 'octokit'>, repo: string, number: number): Promise<Set<string>> {
  const [owner, name] = repo.split('/');
  const issue = object((await transport.octokit.rest.issues.get({ owner, repo: name, issue_number: number })).data, 'issue');
  return new Set(labelNames(issue.labels).map((l) => l.toLowerCase()));
}

export async function addLabels(transport: Pick<Transport, 'octokit'>, repo: string, number: number, labels: string[]): Promise<void> {
  const [owner, name] = repo.split('/');
  await sendOnce(`${labels.join(', ')} was added to ${repo}#${number}`,
    async () => { await transport.octokit.rest.issues.addLabels({ owner, repo: name, issue_number: number, labels }); return {}; },
    async () => { const now = await labelsOf(transport, repo, number); return labels.every((l) => now.has(l.toLowerCase())) ? {} : null; });
}

export async function removeLabel(transport: Pick<Transport, 'octokit'>, repo: string, number: number, label: string): Promise<void> {
  const [owner, name] = repo.split('/');
  await sendOnce(`${label} was removed from ${repo}#${number}`,
    async () => { await transport.octokit.rest.issues.removeLabel({ owner, repo: name, issue_number: number, name: label }); return {}; },
    async () => ((await labelsOf(transport, repo, number)).has(label.toLowerCase()) ? null : {}));
}

/** Adds `toLabel`, then removes `fromLabel` (if any, and if it is still there). */
export async function escalate(transport: Pick<Transport, 'octokit'>, repo: string, number: number, fromLabel: string | null, toLabel: string): Promise<void> {
  await addLabels(transport, repo, number, [toLabel]);
  if (fromLabel !== null && fromLabel.toLowerCase() !== toLabel.toLowerCase()) {
    await removeLabel(transport, repo, number, fromLabel).catch((e: unknown) => {
      if ((e as { kind?: string }).kind !== 'not-found') throw e;
    });
  }
}
