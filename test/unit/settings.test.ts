import assert from 'node:assert/strict';
import { apiOrigin, DEFAULT_SETTINGS, parseSettings } from '../../src/settings';

describe('settings', () => {
  it('uses every default when nothing is set', () => {
    const { settings, problems } = parseSettings({});
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.deepEqual(problems, []);
  });

  it('accepts good values', () => {
    const { settings, problems } = parseSettings({
      'github.apiUrl': 'https://ghe.example.com/api/v3/',
      'github.repositories': ['acme/api', 'acme/api', 'acme/web'],
      'reviews.slaHours': 8,
      'businessHours.days': ['fri', 'mon'],
      'systems.healthChecks': [{ name: 'API', url: 'https://api.example.com/healthz' }],
      'work.groupBy': 'dueDate',
      'timer.autoMode': 'switch',
      'timer.autoMinutes': 2,
      'nudges.quietHours': 0,
    });
    assert.deepEqual(problems, []);
    assert.equal(settings.apiUrl, 'https://ghe.example.com/api/v3');
    assert.deepEqual(settings.repositories, ['acme/api', 'acme/web']);
    assert.equal(settings.slaHours, 8);
    assert.deepEqual(settings.businessDays, [1, 5]);
    assert.deepEqual(settings.healthChecks, [{ name: 'API', url: 'https://api.example.com/healthz', expectedStatus: 200, timeoutMs: 5000 }]);
    assert.equal(settings.groupBy, 'dueDate');
    assert.deepEqual([settings.autoMode, settings.autoMinutes], ['switch', 2]);
    assert.equal(settings.nudgeQuietHours, 0, '0 quiet hours: a second nudge never asks');
  });

  it('keeps a team with an app listed among its members: the app\'s login is read (and left out of the team later), the rest not lost', () => {
    const { settings, problems } = parseSettings({ 'team.members': ['mira', 'renovate[bot]'] });
    assert.deepEqual(problems, []);
    assert.deepEqual(settings.teamMembers, ['mira', 'renovate[bot]']);
    assert.equal(parseSettings({ 'team.members': ['mira', 'renovate[bot]x'] }).problems.length, 1);
  });

  const bad: [string, unknown, string][] = [
    ['reviews.slaHours', -5, 'slaHours'],
    ['reviews.slaHours', 'soon', 'slaHours'],
    ['timer.idleMinutes', 0, 'idleMinutes'],
    ['balance.technicalTarget', 140, 'technicalTarget'],
    ['github.apiUrl', 'ftp://github.com', 'apiUrl'],
    ['github.apiUrl', 'https://user:secret@github.com', 'apiUrl'],
    ['github.apiUrl', 'not a url', 'apiUrl'],
    ['github.apiUrl', 'http://api.github.com', 'apiUrl'],
    ['github.apiUrl', 'http://ghe.example.com/api/v3', 'apiUrl'],
    ['github.apiUrl', 'http://127.0.0.1.evil.example:8080', 'apiUrl'],
    ['github.apiUrl', 'http://localhost.evil.example', 'apiUrl'],
    ['github.apiUrl', 'https://api.github.com/?x=1', 'apiUrl'],
    ['github.repositories', ['acme'], 'repositories'],
    ['github.repositories', ['acme/..'], 'repositories'],
    ['github.repositories', ['../api'], 'repositories'],
    ['github.repositories', [`acme/${'x'.repeat(101)}`], 'repositories'],
    ['team.members', ['-bad-'], 'teamMembers'],
    ['businessHours.days', ['someday'], 'businessDays'],
    ['businessHours.start', '9am', 'businessStart'],
    ['systems.healthChecks', [{ name: 'x', url: 'javascript:alert(1)' }], 'healthChecks'],
    ['work.groupBy', 'team', 'groupBy'],
    ['morningReview.reminderTime', '25:00', 'reminderTime'],
    ['triage.escalationLabel', '  ', 'escalationLabel'],
    ['timer.autoMode', 'always', 'autoMode'],
    ['timer.autoMinutes', 0, 'autoMinutes'],
    ['timer.autoMinutes', 0.5, 'autoMinutes'],
    ['nudges.quietHours', -1, 'nudgeQuietHours'],
    ['nudges.quietHours', 721, 'nudgeQuietHours'],
    ['nudges.quietHours', '24', 'nudgeQuietHours'],
  ];
  for (const [key, value, field] of bad) {
    it(`rejects leadDesk.${key} = ${JSON.stringify(value)}, naming it, and keeps the default`, () => {
      const { settings, problems } = parseSettings({ [key]: value });
      assert.equal(problems.length, 1);
      assert.equal(problems[0].setting, `leadDesk.${key}`);
      assert.match(problems[0].message, /\w/);
      assert.deepEqual(settings[field as keyof typeof settings], DEFAULT_SETTINGS[field as keyof typeof DEFAULT_SETTINGS]);
    });
  }

  it('reads leadDesk.systems.alerts as all, off or a list of workflows, and warns about anything else', () => {
    assert.equal(parseSettings({ 'systems.alerts': 'off' }).settings.alerts, 'off');
    assert.deepEqual(parseSettings({ 'systems.alerts': [' deploy', 'acme/api CI', 'deploy'] }).settings.alerts, ['deploy', 'acme/api CI']);
    for (const bad of [[], 'some', [''], [3], true]) {
      const { settings, problems } = parseSettings({ 'systems.alerts': bad });
      assert.equal(settings.alerts, 'all');
      assert.deepEqual(problems.map((p) => p.setting), ['leadDesk.systems.alerts']);
    }
  });

  it('allows plain http only to this machine', () => {
    for (const url of ['http://127.0.0.1:4567', 'http://localhost:9/api/v3', 'http://[::1]:8080', 'http://127.1.2.3']) {
      const { settings, problems } = parseSettings({ 'github.apiUrl': url });
      assert.deepEqual(problems, [], url);
      assert.equal(settings.apiUrl, url);
    }
    const { problems } = parseSettings({ 'github.apiUrl': 'http://api.github.com' });
    assert.match(problems[0].message, /https/);
  });

  it('keys a token by scheme, host and port', () => {
    assert.equal(apiOrigin('https://api.github.com'), 'https://api.github.com');
    assert.equal(apiOrigin('https://ghe.example.com:8443/api/v3'), 'https://ghe.example.com:8443');
    assert.notEqual(apiOrigin('http://127.0.0.1:1'), apiOrigin('http://127.0.0.1:2'));
  });

  it('rejects a working day that ends before it starts', () => {
    const { settings, problems } = parseSettings({ 'businessHours.start': '18:00', 'businessHours.end': '09:00' });
    assert.equal(problems[0].setting, 'leadDesk.businessHours.end');
    assert.equal(settings.businessStart, '09:00');
    assert.equal(settings.businessEnd, '17:00');
  });
});
