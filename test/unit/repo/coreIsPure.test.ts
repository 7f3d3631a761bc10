import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The core is unit tested in plain Node, so it may import only itself, date-fns, node:crypto and
 * the calendar's pure libraries (ical.js reads iCalendar, windows-iana maps Outlook's zone names).
 */
describe('src/core purity', () => {
  it('imports nothing but core modules, date-fns and node:crypto', () => {
    const dir = path.join(process.cwd(), 'src', 'core');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length >= 10, `expected the core files in ${dir}`);
    const allowed = /^(\.\/[A-Za-z]+|date-fns|node:crypto|ical\.js|windows-iana)$/;
    for (const file of files) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      const specifiers = [...source.matchAll(/\b(?:from|import|require)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
      for (const spec of specifiers) assert.match(spec!, allowed, `${file} imports ${spec}`);
    }
  });
});
