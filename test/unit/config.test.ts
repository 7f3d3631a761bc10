import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './sourceFiles';
import { SETTINGS_SECTION, Settings } from '../../src/ids';
import { DEFAULT_SETTINGS, parseSettings, type RawSettings } from '../../src/settings';

/**
 * Config reads every setting that is not user-only with `get`, which hands back package.json's
 * default for a setting nobody set: that default must parse to the same value as "not set".
 */
describe('config', () => {
  it("package.json's defaults parse to DEFAULT_SETTINGS, with no problem", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default?: unknown }> } | { properties: Record<string, { default?: unknown }> }[] } };
    const sections = [manifest.contributes.configuration].flat();
    const raw: RawSettings = {};
    for (const key of Object.values(Settings)) {
      const property = sections.map((s) => s.properties[`${SETTINGS_SECTION}.${key}`]).find((p) => p !== undefined);
      assert.ok(property, `package.json declares ${SETTINGS_SECTION}.${key}`);
      raw[key] = property.default;
    }
    const { settings, problems } = parseSettings(raw);
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, DEFAULT_SETTINGS);
  });
});
