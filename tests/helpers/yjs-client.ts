/** y-websocket clients for Node tests, sending the member's session cookie like a browser would. */
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

export async function signInCookie(base: string, email: string, password = "samhandling-demo") {
  const res = await fetch(`${base}/login`, { method: "POST", body: new URLSearchParams({ email, password }), redirect: "manual" });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  if (!cookie.startsWith("__session=")) throw new Error(`sign-in failed for ${email}`);
  return cookie;
}

/** A y-websocket client with the member's cookie (and any further headers, e.g. the page's Origin). */
export function connect(base: string, docName: string, cookie: string, path = "/realtime", headers: Record<string, string> = {}) {
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { ...headers, cookie } });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(base.replace(/^http/, "ws") + path, docName, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on("sync", (s: boolean) => s && resolve());
  });
  return {
    doc,
    provider,
    synced,
    close: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function eventually(check: () => boolean, timeoutMs = 5000, message = "condition") {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
