/**
 * The webview's side of the channel: a typed `postMessage` to the host and the UI state VS Code
 * keeps for the webview while it is hidden or reloaded (getState/setState).
 */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): unknown;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface WebviewChannel<ToWebview, FromWebview, State> {
  post(message: FromWebview): void;
  /** The saved UI state, passed through `sanitize` (it may come from an older version). */
  readonly state: State;
  /** Merges `patch` into the saved state. */
  saveState(patch: Partial<State>): void;
  /** Messages from the host, typed by the panel's protocol. */
  onMessage(handler: (message: ToWebview) => void): void;
}

let api: VsCodeApi | undefined;

/**
 * `acquireVsCodeApi` may be called only once per load. `ToWebview` and `FromWebview` come from the
 * panel's `src/<feature>/protocol.ts`, which the host compiles against too.
 */
export function connect<ToWebview extends { readonly type: string }, FromWebview extends { readonly type: string }, State extends object>(
  sanitize: (saved: unknown) => State,
): WebviewChannel<ToWebview, FromWebview, State> {
  api ??= acquireVsCodeApi();
  const vscode = api;
  let state = sanitize(vscode.getState());
  return {
    post: (message) => vscode.postMessage(message),
    get state() {
      return state;
    },
    saveState(patch) {
      state = { ...state, ...patch };
      vscode.setState(state);
    },
    onMessage(handler) {
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        // Only the host posts to a webview's window, and it posts only `ToWebview` (its post() is typed by the same protocol).
        if (isHostMessage<ToWebview>(event.data)) handler(event.data);
      });
    },
  };
}

function isHostMessage<M extends { readonly type: string }>(data: unknown): data is M {
  return typeof data === 'object' && data !== null && typeof (data as { readonly type?: unknown }).type === 'string';
}

/** A saved scroll position: a finite, non-negative number, else 0 (the top). */
export function savedScrollY(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

/** A plain object from saved state, or an empty one. */
export function savedRecord(saved: unknown): Record<string, unknown> {
  return typeof saved === 'object' && saved !== null && !Array.isArray(saved) ? (saved as Record<string, unknown>) : {};
}
