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
  private current: LeadDeskSettings;
  private readonly changed = this.register(new vscode.EventEmitter<LeadDeskSettings>());
  /** Fires with the new settings after any Lead Desk setting change. */
  readonly onDidChange = this.changed.event;
  private readonly problem = this.register(new vscode.EventEmitter<SettingProblem>());
  /** Fires once for each new bad value (after the warning is shown). */
  readonly onProblem = this.problem.event;
  private warned = new Set<string>();

  constructor(private readonly warn: (problem: SettingProblem) => void = showProblem) {
    super();
    this.current = this.read();
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SETTINGS_SECTION)) return;
      this.current = this.read();
      this.changed.fire(this.current);
    }));
  }

  get settings(): LeadDeskSettings {
    return this.current;
  }

  private read(): LeadDeskSettings {
    const section = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const raw: RawSettings = {};
    const ignored: SettingProblem[] = [];
    for (const key of Object.values(Settings) as SettingKey[]) {
      // `inspect` rather than `get`: a value equal to the default needs no validation, and
      // `get` would hand back the default for a missing key, hiding nothing but costing a parse.
      const info = section.inspect(key);
      const fromWorkspace = info?.workspaceFolderValue ?? info?.workspaceValue;
      const userOnly = USER_ONLY_SETTINGS.includes(key);
      const value = userOnly ? info?.globalValue : fromWorkspace ?? info?.globalValue;
      if (value !== undefined) raw[key] = value;
      if (userOnly && fromWorkspace !== undefined) ignored.push({ setting: `${SETTINGS_SECTION}.${key}`, message: 'is set by this workspace, which is ignored: only your user settings decide where Lead Desk sends requests and your GitHub token', outcome: 'Your user setting (or the default) is used.' });
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
