import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { db } from "../../db/client";
import { auditLog } from "../../db/schema";
import { makeUser, TEST_PASSWORD } from "../../tests/helpers/factories";
import { checkLoginAllowed, recordLoginFailure, recordLoginSuccess, THROTTLE } from "./login-throttle.server";
import { verifyLogin } from "./users.server";

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

describe("sign-in throttling", () => {
  it("lets the first few failures through, then makes the next attempt wait longer each time", () => {
    const email = "slow@etat.example";
    const ip = "10.0.0.1";
    for (let i = 0; i < THROTTLE.account.freeFailures - 1; i++) {
      recordLoginFailure(email, ip, T0 + i);
      assert.equal(checkLoginAllowed(email, ip, T0 + i + 1).allowed, true, `after ${i + 1} failures`);
    }
    recordLoginFailure(email, ip, T0 + 10); // the third failure
    const verdict = checkLoginAllowed(email, ip, T0 + 11);
    assert.equal(verdict.allowed, false);
    assert.equal(!verdict.allowed && verdict.reason, "wait");
    assert.ok(!verdict.allowed && verdict.retryAfterMs > 1000 && verdict.retryAfterMs <= 2000);
    assert.equal(checkLoginAllowed(email, ip, T0 + 10 + 2000).allowed, true, "allowed again after the wait");

    recordLoginFailure(email, ip, T0 + 3000); // the fourth: the wait doubles
    const longer = checkLoginAllowed(email, ip, T0 + 3001);
    assert.ok(!longer.allowed && longer.retryAfterMs > 3000 && longer.retryAfterMs <= 4000);
  });

  it("locks the account for a while after too many failures, even with the right password", async () => {
    const user = await makeUser({ email: "locked@etat.example" });
    let now = T0;
    for (let i = 0; i < THROTTLE.account.lockAfter; i++) {
      now += THROTTLE.maxDelayMs + 1; // wait out each delay, so only the count matters
      recordLoginFailure(user.email, `10.1.0.${i}`, now);
    }
    const verdict = checkLoginAllowed(user.email, "10.9.9.9", now + 1000);
    assert.equal(!verdict.allowed && verdict.reason, "locked", "refused from any address");
    assert.ok(!verdict.allowed && verdict.retryAfterMs > THROTTLE.account.lockMs - 2000);
    assert.equal(checkLoginAllowed(user.email, "10.9.9.9", now + THROTTLE.account.lockMs + 1).allowed, true, "the lock ends");
  });

  it("counts failures per address across accounts", () => {
    const ip = "10.2.0.1";
    let now = T0;
    for (let i = 0; i < THROTTLE.address.lockAfter; i++) {
      now += THROTTLE.maxDelayMs + 1;
      recordLoginFailure(`guess${i}@etat.example`, ip, now);
    }
    const verdict = checkLoginAllowed("someone-else@etat.example", ip, now + 1);
    assert.equal(!verdict.allowed && verdict.reason, "locked");
    assert.equal(checkLoginAllowed("someone-else@etat.example", "10.2.0.2", now + 1).allowed, true, "other addresses are not affected");
  });

  it("slows an address down only after many more failures than an account", () => {
    const ip = "10.2.5.1";
    for (let i = 0; i < THROTTLE.address.freeFailures - 1; i++) recordLoginFailure(`typo${i}@etat.example`, ip, T0 + i);
    assert.equal(checkLoginAllowed("colleague@etat.example", ip, T0 + 100).allowed, true, "colleagues behind the same address still sign in");
    recordLoginFailure("typo-last@etat.example", ip, T0 + 200);
    assert.equal(checkLoginAllowed("colleague@etat.example", ip, T0 + 201).allowed, false);
  });

  it("forgets failures older than the window, and a success clears the account", () => {
    const email = "forget@etat.example";
    for (let i = 0; i < 3; i++) recordLoginFailure(email, "10.3.0.1", T0 + i);
    assert.equal(checkLoginAllowed(email, "10.3.0.2", T0 + 5).allowed, false);
    assert.equal(checkLoginAllowed(email, "10.3.0.2", T0 + THROTTLE.windowMs + 10).allowed, true);
    recordLoginSuccess(email);
    assert.equal(checkLoginAllowed(email, "10.3.0.2", T0 + 5).allowed, true);
  });

  it("verifyLogin refuses a wrong password, accepts the right one, and logs both without the password", async () => {
    const user = await makeUser({ email: "real@etat.example", name: "Real Person" });
    const wrong = await verifyLogin({ email: user.email, password: "not the password", ip: "10.4.0.1" });
    assert.deepEqual(wrong, { ok: false, reason: "invalid" });
    const unknown = await verifyLogin({ email: "nobody@etat.example", password: "whatever123", ip: "10.4.0.1" });
    assert.deepEqual(unknown, { ok: false, reason: "invalid" });
    const right = await verifyLogin({ email: user.email, password: TEST_PASSWORD, ip: "10.4.0.1" });
    assert.deepEqual(right, { ok: true, userId: user.id });
    const entries = db.select().from(auditLog).where(eq(auditLog.entityType, "user")).all();
    assert.ok(entries.some((e) => e.action === "login.failed" && e.summary.includes(user.email)));
    assert.ok(entries.some((e) => e.action === "login.succeeded" && e.actorUserId === user.id));
    for (const e of entries) {
      assert.ok(!e.summary.includes("not the password") && !e.summary.includes(TEST_PASSWORD), "no password in the log");
    }
  });

  it("verifyLogin answers 'throttled' before checking the password", async () => {
    const user = await makeUser({ email: "hammered@etat.example" });
    for (let i = 0; i < 3; i++) await verifyLogin({ email: user.email, password: "wrong-password", ip: "10.5.0.1" });
    const result = await verifyLogin({ email: user.email, password: TEST_PASSWORD, ip: "10.5.0.1" });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.reason, "throttled");
  });
});
