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

export interface WebviewChannel<ToHost, State> {
  post(message: ToHost): void;
  /** The saved UI state, passed through `sanitize` (it may come from an older version). */
  readonly state: State;
  /** Merges `patch` into the saved state. */
  saveState(patch: Partial<State>): void;
  /** Messages from the host; anything else posted to the window is ignored by the caller's checks. */
  onMessage(handler: (data: unknown) => void): void;
}

let api: VsCodeApi | undefined;

/** `acquireVsCodeApi` may be called only once per load. */
export function connect<ToHost, State extends object>(sanitize: (saved: unknown) => State): WebviewChannel<ToHost, State> {
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
      window.addEventListener('message', (event: MessageEvent) => handler(event.data));
    },
  };
}

/** A plain object from saved state, or an empty one. */
export function savedRecord(saved: unknown): Record<string, unknown> {
  return typeof saved === 'object' && saved !== null && !Array.isArray(saved) ? (saved as Record<string, unknown>) : {};
}
