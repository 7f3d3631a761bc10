/**
 * package.json's user-facing strings come from package.nls.json (`%key%`), as VS Code localizes
 * a manifest: every key resolves, every entry is used, and no title or description is left literal.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../sourceFiles';

const root = REPO_ROOT;
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, unknown>;

/** Every string in the manifest with the path it sits at (`contributes.commands.0.title`). */
function strings(v: unknown, at: string[] = []): { at: string; value: string }[] {
  if (typeof v === 'string') return [{ at: at.join('.'), value: v }];
  if (Array.isArray(v)) return v.flatMap((x, i) => strings(x, [...at, String(i)]));
  if (typeof v === 'object' && v !== null) return Object.entries(v).flatMap(([k, x]) => strings(x, [...at, k]));
  return [];
}

const PLACEHOLDER = /^%([^%]+)%$/;
// Fields VS Code shows to people; `category` stays the product name "Lead Desk" in every language.
const USER_FACING = /(^displayName|^description|\.(title|description|markdownDescription|name|contents|altText|deprecationMessage)|\.(enumDescriptions|markdownEnumDescriptions)\.\d+)$/;

describe('package.nls.json', () => {
  const all = strings(manifest);

  it('resolves every %key% in package.json, each to a non-empty string', () => {
    const keys = all.map((s) => PLACEHOLDER.exec(s.value)?.[1]).filter((k): k is string => k !== undefined);
    assert.ok(keys.length > 50, `only ${keys.length} placeholders`);
    for (const k of keys) assert.ok(typeof nls[k] === 'string' && (nls[k] as string).trim() !== '', `%${k}% does not resolve`);
  });

  it('has no entry that package.json does not use', () => {
    const used = new Set(all.map((s) => PLACEHOLDER.exec(s.value)?.[1]).filter(Boolean));
    assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), []);
  });

  it('leaves no user-facing string of the manifest literal', () => {
    const literal = all.filter((s) => USER_FACING.test(s.at) && !s.at.startsWith('scripts.') && !PLACEHOLDER.test(s.value))
      // JSON-schema descriptions inside a setting's `items` are shown too, and covered by the same rule.
      .map((s) => `${s.at}: ${s.value.slice(0, 40)}`);
    assert.deepEqual(literal, []);
  });
});
