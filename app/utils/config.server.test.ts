import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadConfig, reachedOverHttps, sessionSecrets } from "./config.server";

describe("configuration", () => {
  it("takes SESSION_SECRET when set, several for rotation, newest first", () => {
    assert.deepEqual(sessionSecrets({ NODE_ENV: "production", SESSION_SECRET: "new, old" }), ["new", "old"]);
  });

  it("without SESSION_SECRET, makes a random secret once beside the database, readable by the portal only", () => {
    const dir = mkdtempSync(join(tmpdir(), "portal-secret-"));
    const env = { DATABASE_PATH: join(dir, "data", "portal.db") };
    const [first] = sessionSecrets(env);
    const file = join(dir, "data", "session-secret");
    assert.equal(readFileSync(file, "utf8").trim(), first);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.match(first!, /^[0-9a-f]{64}$/);
    assert.deepEqual(sessionSecrets(env), [first], "the same secret on the next start");
    const other = mkdtempSync(join(tmpdir(), "portal-secret-"));
    assert.notEqual(sessionSecrets({ DATABASE_PATH: join(other, "portal.db") })[0], first, "each installation its own");
    const broken = mkdtempSync(join(tmpdir(), "portal-secret-"));
    writeFileSync(join(broken, "session-secret"), "short\n");
    assert.throws(() => sessionSecrets({ DATABASE_PATH: join(broken, "portal.db") }), /holds no usable secret: delete it/);
  });

  it("decides https from PUBLIC_URL when set, else from the request as the proxy reported it", () => {
    assert.equal(reachedOverHttps({ url: "http://localhost:3000/login" }, { publicUrl: null }), false);
    assert.equal(reachedOverHttps({ url: "https://portal.example/login" }, { publicUrl: null }), true);
    assert.equal(reachedOverHttps({ protocol: "https" }, { publicUrl: null }), true);
    assert.equal(
      reachedOverHttps({ url: "http://10.0.0.5:3000/login" }, { publicUrl: "https://samhandling.example.no" }),
      true,
      "behind a proxy that does not say",
    );
    assert.equal(reachedOverHttps({ url: "https://x/login" }, { publicUrl: "http://localhost:3000" }), false);
  });

  it("reads port, SMTP and demo seeding from the environment, with safe defaults", () => {
    const defaults = loadConfig({});
    assert.equal(defaults.port, 3000);
    assert.equal(defaults.smtpUrl, null);
    assert.equal(defaults.seedDemo, true);
    const set = loadConfig({ PORT: "8080", SMTP_URL: "smtp://mail:25", SEED_DEMO: "false", PUBLIC_URL: "https://x.example/" });
    assert.deepEqual([set.port, set.smtpUrl, set.seedDemo, set.publicUrl], [8080, "smtp://mail:25", false, "https://x.example"]);
    assert.throws(() => loadConfig({ PORT: "eighty" }), /PORT must be/);
  });
});
