import * as vscode from 'vscode';
import type { CommandId } from './ids';

/** Commands whose feature has not landed yet say so instead of failing with "command not found". */
export function registerNotYetBuilt(commands: readonly CommandId[]): vscode.Disposable {
  return vscode.Disposable.from(
    ...commands.map((id) =>
      vscode.commands.registerCommand(id, () => {
        void vscode.window.showInformationMessage(`Lead Desk: "${id}" is not available in this version yet.`);
      }),
    ),
  );
}
