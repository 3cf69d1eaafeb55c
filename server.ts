/**
 * The one process of the portal: express serves Remix and static files, HTTP upgrades on
 * /realtime/ are handed to the realtime server, and SIGTERM shuts everything down cleanly.
 */
import "./scripts/supported-node";
import { createServer } from "node:http";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import { runMigrations } from "./db/migrate";
import { closeDatabase, sqlite } from "./db/client";
import { seedDemoIfEmpty } from "./db/seed/demo";
import { sendDueReminders } from "./app/models/evaluations.server";
import { pruneLoginThrottle } from "./app/models/login-throttle.server";
import { startOutboxDelivery } from "./app/models/mail-delivery.server";
import { loadConfig, sessionSecrets } from "./app/utils/config.server";
import { requestBodyLimits } from "./app/web/request-limits.server";
import { sameOriginWrites, securityHeaders } from "./app/web/security-headers.server";
import { discoverProviders, providerOrigins } from "./app/web/oidc-client.server";
import { signInConfig } from "./app/utils/sign-in-config.server";
import { loggablePath, logger, requestIdFrom } from "./app/utils/logger.server";
import { attachRealtime } from "./realtime/server";

const root = dirname(fileURLToPath(import.meta.url));
const config = loadConfig();
// Read (or make) the cookie secret before taking requests, so a bad secret file stops the start with its reason.
sessionSecrets();
// Sign-in settings too: a wrong OIDC_* variable stops the start with the variable's name.
signInConfig();
discoverProviders();

runMigrations();
if (config.seedDemo) {
  const seeded = await seedDemoIfEmpty();
  if (seeded)
    logger.info(
      "Seeded the demo networks 'ukraina' (Ukraina-samarbeidet, 2022) and 'bosetting' (Bosetting og kvalifisering, dated from today).",
    );
}

const build = (await import(pathToFileURL(join(root, "build/index.js")).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
if (config.trustProxy) app.set("trust proxy", true);

// Every request gets an id (the proxy's X-Request-Id, or a new one), sent back and put on the
// request so errors logged inside Remix carry it; one log line when the answer is finished.
app.use((req, res, next) => {
  const reqId = requestIdFrom(req.headers["x-request-id"]);
  req.headers["x-request-id"] = reqId;
  res.setHeader("X-Request-Id", reqId);
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    const path = loggablePath(req.originalUrl);
    const fields = {
      reqId,
      method: req.method,
      path,
      status: res.statusCode,
      ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
    };
    // Fingerprinted assets and fonts are many and dull: only at debug level.
    if (res.statusCode >= 500) logger.error(fields, "request");
    else if (/^\/(build|fonts)\/|^\/favicon/.test(path)) logger.debug(fields, "request");
    else logger.info(fields, "request");
  });
  next();
});

app.use(securityHeaders(config, providerOrigins));

app.get("/healthz", (_req, res) => {
  try {
    sqlite.prepare("select 1").get();
    res.json({ status: "ok", database: "ok" });
  } catch (error) {
    res.status(503).json({ status: "error", database: String((error as Error).message) });
  }
});

// Remix's fingerprinted assets can be cached forever; the rest of public/ for an hour.
app.use("/build", express.static(join(root, "public/build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(join(root, "public"), { maxAge: "1h" }));

app.use(sameOriginWrites(config));
app.use(requestBodyLimits());

app.all(
  "*",
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (req, res) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? "", cspNonce: res.locals.cspNonce as string }),
  }),
);

const server = createServer(app);
const realtime = attachRealtime(server, config);

const delivery = startOutboxDelivery(config.smtpUrl);

// Once an hour: evaluation reminders to those who have not answered a week after opening, and
// sign-in counters that can no longer matter are dropped (a guesser's keys would otherwise stay).
const reminderBase = config.publicUrl ?? `http://localhost:${config.port}`;
const reminders = setInterval(() => {
  try {
    sendDueReminders(reminderBase);
    pruneLoginThrottle();
  } catch (error) {
    logger.error({ err: error }, "hourly housekeeping failed");
  }
}, 60 * 60_000);
reminders.unref();

/** Resolves with the port once the server listens (PORT=0 picks a free one). */
export const listening = new Promise<number>((resolve) => {
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    logger.info(
      { mode: process.env.NODE_ENV ?? "development", node: process.version },
      `Samhandlingsportalen listening on http://${config.host}:${port}`,
    );
    if (build.mode === "development") broadcastDevReady(build);
    resolve(port);
  });
});

let shuttingDown = false;
function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info(`${signal} received: closing.`);
  // Stop taking new connections, let requests in flight finish, then close the database.
  const force = setTimeout(() => {
    logger.error("Connections did not close within 10 s; exiting.");
    process.exit(1);
  }, 10_000);
  force.unref();
  // Fold open documents into snapshots and close their sockets, then stop HTTP.
  clearInterval(reminders);
  void realtime.close();
  server.close(async () => {
    await delivery.stop();
    closeDatabase();
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
