import type { Server } from "node:http";
import type { Duplex } from "node:stream";

/**
 * Entry point of the realtime (Yjs) endpoint. Until service-chain maps exist there is no document
 * to serve, so every upgrade on /realtime/ is answered with a plain 404 and the socket closed;
 * any other upgrade path gets 400.
 */
export function attachRealtime(server: Server) {
  server.on("upgrade", (request, socket: Duplex) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (path.startsWith("/realtime/")) {
      refuse(socket, 404, "Not Found");
    } else {
      refuse(socket, 400, "Bad Request");
    }
  });
}

function refuse(socket: Duplex, status: number, text: string) {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`,
  );
}
