// The webview side of the typed channel to the extension: acquireVsCodeApi() once, typed postMessage,
// typed state (kept by VS Code while the webview is hidden or the window reloads).
declare function acquireVsCodeApi(): { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void };

export interface Channel<ToExtension, State> {
  post(message: ToExtension): void;
  getState(): State | undefined;
  setState(state: State): void;
  /** Calls `handler` for every message from the extension. */
  onMessage<FromExtension>(handler: (message: FromExtension) => void): void;
}

let api: ReturnType<typeof acquireVsCodeApi> | undefined;

export function channel<ToExtension, State>(): Channel<ToExtension, State> {
  api ??= acquireVsCodeApi();
  const a = api;
  return {
    post: m => a.postMessage(m),
    getState: () => (a.getState() as State | undefined) ?? undefined,
    setState: s => a.setState(s),
    onMessage: handler => window.addEventListener('message', e => handler(e.data)),
  };
}
