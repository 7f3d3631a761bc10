/**
 * What is left of the user's GitHub budget, read from the `x-ratelimit-*` headers of every
 * response. The budget (5,000 an hour, search 30 a minute) is shared by all their tools.
 */
export interface BudgetSnapshot {
  readonly resource: string;
  readonly limit: number;
  readonly remaining: number;
  /** Epoch ms when the window resets (`x-ratelimit-reset` is in epoch seconds). */
  readonly resetAt: number;
}

export class RateBudget {
  private readonly byResource = new Map<string, BudgetSnapshot>();
  /** Seconds GitHub asked us to wait between notification polls (`X-Poll-Interval`). */
  pollIntervalSeconds = 60;

  observe(headers: Record<string, string | number | undefined>): void {
    const limit = Number(headers['x-ratelimit-limit']);
    const remaining = Number(headers['x-ratelimit-remaining']);
    const reset = Number(headers['x-ratelimit-reset']);
    if (!Number.isFinite(limit) || !Number.isFinite(remaining) || !Number.isFinite(reset)) return;
    const resource = String(headers['x-ratelimit-resource'] ?? 'core');
    this.byResource.set(resource, { resource, limit, remaining, resetAt: reset * 1000 });
    const poll = Number(headers['x-poll-interval']);
    if (Number.isFinite(poll) && poll > 0) this.pollIntervalSeconds = poll;
  }

  get(resource = 'core'): BudgetSnapshot | undefined {
    return this.byResource.get(resource);
  }

  /** "4,812 / 5,000 requests left this hour (resets 14:05)". */
  describe(formatTime: (ms: number) => string): string {
    const core = this.get('core');
    const search = this.get('search');
    const lines: string[] = [];
    if (core) lines.push(`GitHub API: ${core.remaining.toLocaleString('en-US')} / ${core.limit.toLocaleString('en-US')} left (resets ${formatTime(core.resetAt)})`);
    if (search) lines.push(`Search: ${search.remaining} / ${search.limit} left this minute`);
    return lines.join('\n') || 'GitHub budget: not known yet';
  }
}
