/** The Time Balance strings the host sent (`src/balance/webviewText.ts`), for the page and its two charts. */
import { BALANCE_TEXT_KEYS } from '../src/balance/protocol';
import { hostText } from './shared/text';

export const text = hostText(BALANCE_TEXT_KEYS);
