import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { limitFor, minutesToWait, resetRateLimits, takeRateLimit } from "./rate-limit.server";

describe("rate limits", () => {
  beforeEach(() => resetRateLimits());
  const limit = { max: 3, windowMs: 60_000 };

  it("allows up to the limit within the window, then refuses with the time until the oldest use expires", () => {
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) assert.deepEqual(takeRateLimit("uploads", "user:1", t0 + i * 1000, limit), { allowed: true });
    assert.deepEqual(takeRateLimit("uploads", "user:1", t0 + 10_000, limit), { allowed: false, retryAfterMs: 50_000 });
    // The window slides: once the first use is a minute old, one more is allowed, and only one.
    assert.deepEqual(takeRateLimit("uploads", "user:1", t0 + 60_000, limit), { allowed: true });
    assert.equal(takeRateLimit("uploads", "user:1", t0 + 60_500, limit).allowed, false);
  });

  it("does not count refused attempts, so hammering does not extend the wait", () => {
    const t0 = 5_000_000;
    for (let i = 0; i < 3; i++) takeRateLimit("uploads", "user:1", t0, limit);
    for (let i = 1; i < 50; i++) assert.equal(takeRateLimit("uploads", "user:1", t0 + i * 1000, limit).allowed, false);
    assert.equal(takeRateLimit("uploads", "user:1", t0 + 60_000, limit).allowed, true);
  });

  it("keeps people and kinds apart", () => {
    const t0 = 9_000_000;
    for (let i = 0; i < 3; i++) takeRateLimit("uploads", "user:1", t0, limit);
    assert.equal(takeRateLimit("uploads", "user:1", t0, limit).allowed, false);
    assert.equal(takeRateLimit("uploads", "user:2", t0, limit).allowed, true);
    assert.equal(takeRateLimit("invitations", "user:1", t0, limit).allowed, true);
  });

  it("reads the realtime limit from the environment, ignoring nonsense", () => {
    assert.deepEqual(limitFor("realtime", {}), { max: 60, windowMs: 60_000 });
    assert.deepEqual(limitFor("realtime", { RATE_LIMIT_REALTIME_PER_MINUTE: "200" }), { max: 200, windowMs: 60_000 });
    assert.equal(limitFor("realtime", { RATE_LIMIT_REALTIME_PER_MINUTE: "-1" }).max, 60);
    assert.equal(limitFor("realtime", { RATE_LIMIT_REALTIME_PER_MINUTE: "lots" }).max, 60);
  });

  it("says at least one minute", () => {
    assert.equal(minutesToWait(1), 1);
    assert.equal(minutesToWait(61_000), 2);
  });
});
