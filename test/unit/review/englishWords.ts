/**
 * The Morning Review loaders' sentences in English, read from the `vscode.l10n.t` calls of
 * src/review/reviewWords.ts, as the l10n export reads them: plain-Node tests and benches see the
 * host's own words, with no second English copy to drift.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ReviewWords } from '../../../src/review/words';
import { REPO_ROOT } from '../sourceFiles';

let english: ReviewWords | undefined;

export function englishWords(): ReviewWords {
  if (english) return english;
  const source = fs.readFileSync(path.join(REPO_ROOT, 'src', 'review', 'reviewWords.ts'), 'utf8');
  const table: Record<string, string> = {};
  for (const [, key, literal] of source.matchAll(/^\s+'?([\w.-]+)'?: vscode\.l10n\.t\('((?:[^'\\]|\\.)*)'/gm)) {
    table[key!] = literal!.replace(/\\(.)/g, '$1');
  }
  if (Object.keys(table).length < 40) throw new Error(`read ${Object.keys(table).length} words from reviewWords.ts`);
  english = table as unknown as ReviewWords;
  return english;
}
