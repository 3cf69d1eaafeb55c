/** Starts the portal for the end-to-end tests on a fresh database (the demo network seeded). */
import { rmSync } from "node:fs";
import { dirname } from "node:path";

const file = process.env.DATABASE_PATH;
if (!file || !file.includes("e2e")) throw new Error("DATABASE_PATH must point to an e2e database");
rmSync(dirname(file), { recursive: true, force: true });
await import("../../server.ts");
