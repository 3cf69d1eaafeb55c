/**
 * `npm start`: builds the app when the build is missing or older than the sources, then starts
 * server.ts (which migrates the database and seeds the demo network when it is empty) with React's
 * production build, and says where to open the portal.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const buildFile = "build/index.js";
const sources = ["app", "remix.config.js", "package-lock.json"].filter(existsSync);
const stale = !existsSync(buildFile) || Math.max(...sources.map(newestMtime)) > statSync(buildFile).mtimeMs;
if (stale) {
  console.log("Building the app (remix build) …");
  execFileSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
}
// Before anything imports React: NODE_ENV picks its production or development build. Cookies and
// HSTS follow how the portal is reached (PUBLIC_URL, or the request), so http://localhost still works.
process.env.NODE_ENV ??= "production";
const { listening } = await import("../server.ts");
const { listDemoAccounts } = await import("../app/models/demo.server.ts");
const { loadConfig } = await import("../app/utils/config.server.ts");
const port = await listening;
const config = loadConfig();
const local = ["0.0.0.0", "::", "127.0.0.1", "::1"].includes(config.host) ? "localhost" : config.host;
const address = config.publicUrl ?? `http://${local}:${port}`;
console.log(`\nSamhandlingsportalen is running. Open ${address}`);
const demo = listDemoAccounts();
if (demo) console.log(`Demo accounts (password "${demo.password}") are listed on the sign-in page: ${address}/login\n`);
