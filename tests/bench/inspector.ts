/**
 * A DevTools protocol session with a server process started with --inspect on loopback, for
 * measurement only: forcing garbage collections and reading process.memoryUsage() from outside.
 */
import WebSocket from "ws";

export async function inspectorSession(port: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  let nextId = 0;
  const replies = new Map<number, (result: unknown) => void>();
  socket.on("message", (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) replies.get(message.id)?.(message.result);
  });
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => reject(new Error(`the inspector did not answer ${method} within 60 s`)), 60_000);
      replies.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      socket.send(JSON.stringify({ id, method, params }));
    });
  const evaluate = async <T>(expression: string) => {
    const reply = (await call("Runtime.evaluate", { expression, returnByValue: true })) as { result: { value: string } };
    return JSON.parse(reply.result.value) as T;
  };
  return { call, evaluate, close: () => socket.close() };
}

/** V8's heap in use and external memory (bytes) right after two forced full collections. */
export async function memoryAfterGc(port: number) {
  const session = await inspectorSession(port);
  try {
    await session.call("HeapProfiler.collectGarbage");
    await session.call("HeapProfiler.collectGarbage");
    return await session.evaluate<{ heapUsed: number; heapTotal: number; external: number; arrayBuffers: number }>(
      "JSON.stringify(process.memoryUsage())",
    );
  } finally {
    session.close();
  }
}
