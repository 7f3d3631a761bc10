import * as vscode from 'vscode';

/** Owns the listeners, timers and panels it registers and disposes them with itself. */
export abstract class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  protected register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.owned.push(d);
    return d;
  }

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.owned.splice(0).reverse()) {
      try {
        d.dispose();
      } catch (e) {
        console.error('[lead-desk] dispose failed', e);
      }
    }
  }
}

/** A `setInterval` with an owner: disposing it clears the interval. */
export function interval(fn: () => void, ms: number): vscode.Disposable {
  const handle = setInterval(fn, ms);
  return { dispose: () => clearInterval(handle) };
}
