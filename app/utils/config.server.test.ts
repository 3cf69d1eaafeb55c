import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadConfig, sessionSecrets } from "./config.server";

describe("configuration", () => {
  it("requires SESSION_SECRET in production, with an error that says what to do", () => {
    assert.throws(() => sessionSecrets({ NODE_ENV: "production" }), /SESSION_SECRET is not set/);
    assert.deepEqual(sessionSecrets({ NODE_ENV: "production", SESSION_SECRET: "new, old" }), ["new", "old"]);
    assert.equal(sessionSecrets({}).length, 1, "a development secret outside production");
  });

  it("reads port, SMTP and demo seeding from the environment, with safe defaults", () => {
    const defaults = loadConfig({});
    assert.equal(defaults.port, 3000);
    assert.equal(defaults.smtpUrl, null);
    assert.equal(defaults.seedDemo, true);
    assert.equal(defaults.production, false);
    const set = loadConfig({ PORT: "8080", SMTP_URL: "smtp://mail:25", SEED_DEMO: "false", NODE_ENV: "production", PUBLIC_URL: "https://x.example/" });
    assert.deepEqual([set.port, set.smtpUrl, set.seedDemo, set.production, set.publicUrl], [8080, "smtp://mail:25", false, true, "https://x.example"]);
    assert.throws(() => loadConfig({ PORT: "eighty" }), /PORT must be/);
  });
});
