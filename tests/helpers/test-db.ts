/**
 * Import first in a unit/integration test file: points DATABASE_PATH at a fresh file for this test
 * process and migrates it. (Node's test runner runs each file in its own process.)
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

process.env.DATABASE_PATH = join(mkdtempSync(join(tmpdir(), "portal-test-")), "test.db");
const { runMigrations } = await import("../../db/migrate");
runMigrations();
