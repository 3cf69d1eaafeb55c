/**
 * A real SMTP server on loopback for the end-to-end tests, with a small HTTP side to read what it
 * received: GET /messages (JSON), DELETE /messages. Ports: SMTP_SINK_PORT (2587), SMTP_SINK_HTTP_PORT (2588).
 */
import { createServer } from "node:http";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";

export interface ReceivedMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

export function startSmtpSink(smtpPort: number, host = "127.0.0.1") {
  const messages: ReceivedMessage[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            receivedAt: new Date().toISOString(),
          });
          callback();
        })
        .catch(callback);
    },
  });
  const ready = new Promise<number>((resolve) => {
    smtp.listen(smtpPort, host, () => {
      const address = (smtp as unknown as { server: import("node:net").Server }).server.address();
      resolve(typeof address === "object" && address ? address.port : smtpPort);
    });
  });
  return { messages, ready, close: () => new Promise<void>((r) => smtp.close(() => r())) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const smtpPort = Number(process.env.SMTP_SINK_PORT ?? 2587);
  const httpPort = Number(process.env.SMTP_SINK_HTTP_PORT ?? 2588);
  const sink = startSmtpSink(smtpPort);
  await sink.ready;
  const http = createServer((req, res) => {
    if (req.url === "/messages" && req.method === "GET") {
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify(sink.messages));
    } else if (req.url === "/messages" && req.method === "DELETE") {
      sink.messages.length = 0;
      res.end("{}");
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  http.listen(httpPort, "127.0.0.1", () => console.log(`SMTP sink on ${smtpPort}, messages on http://127.0.0.1:${httpPort}/messages`));
  const stop = () => {
    http.close();
    void sink.close().then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
