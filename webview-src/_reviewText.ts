/** The Morning Review strings the host sent (`src/review/webviewText.ts`), for the page and its section bodies. */
import { REVIEW_TEXT_KEYS } from '../src/review/protocol';
import { hostText } from './shared/text';

export const text = hostText(REVIEW_TEXT_KEYS);
