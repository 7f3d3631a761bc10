import * as vscode from 'vscode';
import { SETTINGS_SECTION, Settings, USER_ONLY_SETTINGS, type SettingKey } from './ids';
import { parseSettings, type LeadDeskSettings, type RawSettings, type SettingProblem } from './settings';
import { Disposable } from './util/disposable';
import { notificationSafe } from './util/errors';

/**
 * The settings as one readonly, validated object, rebuilt when the user changes them.
 * A bad value gets one warning naming the setting, and its default is used instead.
 */
export class Config extends Disposable {
  /** Read on first use: reading and checking every setting is the costliest part of a start. */
  private current: LeadDeskSettings | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<LeadDeskSettings>());
  /** Fires with the new settings after any Lead Desk setting change. */
  readonly onDidChange = this.changed.event;
  private readonly problem = this.register(new vscode.EventEmitter<SettingProblem>());
  /** Fires once for each new bad value (after the warning is shown). */
  readonly onProblem = this.problem.event;
  private warned = new Set<string>();
  private before: LeadDeskSettings | undefined;

  constructor(private readonly warn: (problem: SettingProblem) => void = showProblem) {
    super();
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SETTINGS_SECTION)) return;
      this.before = this.current;
      this.current = this.read();
      this.changed.fire(this.current);
    }));
  }

  get settings(): LeadDeskSettings {
    return (this.current ??= this.read());
  }

  /** Whether anything has read the settings yet (activation should not: the test API reports it). */
  get hasRead(): boolean {
    return this.current !== undefined;
  }

  /**
   * During an {@link onDidChange} event, the settings before the change; undefined when nothing
   * had read them yet (so nothing was built on them).
   */
  get previous(): LeadDeskSettings | undefined {
    return this.before;
  }

  private read(): LeadDeskSettings {
    const section = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const raw: RawSettings = {};
    const ignored: SettingProblem[] = [];
    for (const key of Object.values(Settings) as SettingKey[]) {
      if (!USER_ONLY_SETTINGS.includes(key)) {
        // `get` (the value in effect, or package.json's default, which parses to the same
        // default): `inspect` costs about 0.15 ms a key in the extension host, `get` almost nothing.
        const value = section.get(key);
        if (value !== undefined) raw[key] = value;
        continue;
      }
      // Only the user's own value counts for these: `inspect` tells it from the workspace's.
      const info = section.inspect(key);
      if (info?.globalValue !== undefined) raw[key] = info.globalValue;
      if ((info?.workspaceFolderValue ?? info?.workspaceValue) !== undefined) ignored.push({ setting: `${SETTINGS_SECTION}.${key}`, message: 'is set by this workspace, which is ignored: only your user settings decide where Lead Desk sends requests and your GitHub token', outcome: 'Your user setting (or the default) is used.' });
    }
    const parsed = parseSettings(raw);
    const settings = parsed.settings;
    const problems = [...parsed.problems, ...ignored];
    const now = new Set(problems.map((p) => `${p.setting}: ${p.message}`));
    for (const p of problems) {
      if (this.warned.has(`${p.setting}: ${p.message}`)) continue;
      this.warn(p);
      this.problem.fire(p);
    }
    this.warned = now;
    return settings;
  }
}

function showProblem(p: SettingProblem): void {
  const open = vscode.l10n.t('Open Setting');
  void vscode.window
    .showWarningMessage(vscode.l10n.t('Lead Desk: the setting "{0}" {1}. {2}', p.setting, notificationSafe(p.message), p.outcome ?? vscode.l10n.t('Its default is used until it is fixed.')), open)
    .then((choice) => choice === open && vscode.commands.executeCommand('workbench.action.openSettings', p.setting));
}
