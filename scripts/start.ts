/**
 * `npm start`: builds the app when the build is missing or older than the sources, then starts
 * server.ts (which migrates the database and seeds the demo network when it is empty).
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
await import("../server.ts");
