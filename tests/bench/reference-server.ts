/**
 * The benchmark's reference: the stock y-websocket server (@y/websocket-server 0.1.1, in memory, no
 * auth, no persistence), in a process of its own like ours. Port from REFERENCE_PORT.
 */
import { createServer } from "node:http";
import { WebSocketServer } from "ws";
import { setupWSConnection } from "@y/websocket-server/utils";

const port = Number(process.env.REFERENCE_PORT);
const http = createServer((_req, res) => res.end("ok"));
const wss = new WebSocketServer({ server: http });
wss.on("connection", (conn, req) => setupWSConnection(conn, req, { docName: (req.url ?? "/").slice(1).split("?")[0] }));
http.listen(port, "127.0.0.1", () => console.log("reference ready"));
process.on("SIGTERM", () => process.exit(0));
