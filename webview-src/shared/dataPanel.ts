/**
 * How a panel that shows the host's data starts (Time Balance, 1:1): each answer is rendered, or
 * its error shown in the notice; the scroll position is kept across hide and reload; then the
 * page is laid out and tells the host it is ready for its data.
 */
import type { DataOrError, ReadyMessage } from '../../src/webview/protocol';
import { showErrorNotice } from './dom';
import type { WebviewChannel } from './vscodeApi';

/** Any panel's channel fits: it takes `ready` among its messages and keeps `scrollY` in its state. */
export function startDataPanel<T>(
  channel: WebviewChannel<DataOrError<T>, ReadyMessage, { readonly scrollY: number }>,
  render: (data: T) => void,
  layout: () => void,
): void {
  channel.onMessage((msg) => {
    if (msg.type === 'data') render(msg.data);
    else showErrorNotice(msg.message);
  });
  window.addEventListener('scroll', () => channel.saveState({ scrollY: Math.round(window.scrollY) }), { passive: true });
  layout();
  channel.post({ type: 'ready' });
}
