/**
 * `npm run bench`: runs every tests/bench/*.bench.ts in its own process and prints one table of the
 * figures they report (JSON lines: name, value, baseline, unit, note), with value/baseline ratios.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

interface Figure {
  name: string;
  value: number;
  baseline: number | null;
  unit: string;
  note: string;
}

const dir = dirname(fileURLToPath(import.meta.url));
const root = join(dir, "..", "..");
// Some benchmarks run server.ts, which serves the build.
if (!existsSync(join(root, "build", "index.js"))) {
  execFileSync(process.execPath, [join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
}
const only = process.argv[2];
const files = readdirSync(dir).filter((f) => f.endsWith(".bench.ts") && (!only || f.includes(only)));
const figures: Figure[] = [];
for (const file of files) {
  process.stderr.write(`running ${file} …\n`);
  const output = execFileSync(process.execPath, ["--import", "tsx", join(dir, file)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  for (const line of output.split("\n")) {
    if (line.startsWith("{")) figures.push(JSON.parse(line) as Figure);
  }
}

const fmt = (n: number | null) => (n === null ? "–" : n < 10 ? n.toFixed(3) : n.toFixed(1));
const rows = figures.map((f) => [
  f.name,
  `${fmt(f.value)} ${f.unit}`,
  f.baseline === null ? "–" : `${fmt(f.baseline)} ${f.unit}`,
  f.baseline ? `${(f.value / f.baseline).toFixed(3)}×` : "–",
  f.note,
]);
const header = ["figure", "value", "baseline", "ratio", "note"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const r of rows) console.log(line(r));
