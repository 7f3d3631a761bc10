/** The heads-down status on GitHub: set or cleared once, read back after a lost answer. */
import type { Transport } from '../transport/transport';
import { sendOnce } from '../transport/writeOnce';

export interface UserStatus {
  readonly message: string;
  readonly emoji: string;
  readonly busy: boolean;
  readonly expiresAt: Date;
}

/** GitHub's user status has no REST endpoint: GraphQL `changeUserStatus`; read back from `viewer { status }`. */
export async function setUserStatus(transport: Pick<Transport, 'octokit'>, status: UserStatus | null): Promise<void> {
  const input = status
    ? { message: status.message, emoji: status.emoji, limitedAvailability: status.busy, expiresAt: status.expiresAt.toISOString() }
    : { message: null, emoji: null, limitedAvailability: false };
  await sendOnce(status ? 'your GitHub status was set' : 'your GitHub status was cleared', async () => {
    await transport.octokit.graphql('mutation($input: ChangeUserStatusInput!) { changeUserStatus(input: $input) { status { message } } }', { input });
    return {};
  }, async () => {
    const data = await transport.octokit.graphql<{ viewer?: { status?: { message?: unknown } | null } }>('query LeadDeskUserStatus { viewer { status { message } } }');
    const message = data?.viewer?.status?.message ?? null;
    return message === (status?.message ?? null) ? {} : null;
  });
}
