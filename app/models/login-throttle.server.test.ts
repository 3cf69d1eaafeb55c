import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { db } from "../../db/client";
import { auditLog } from "../../db/schema";
import { makeUser, TEST_PASSWORD } from "../../tests/helpers/factories";
import {
  accountKey,
  checkLoginAllowed,
  recordLoginFailure,
  recordLoginSuccess,
  THROTTLE,
  type LoginAttempt,
} from "./login-throttle.server";
import { verifyLogin } from "./users.server";

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const from = (account: string, ip: string, knownDevice: string | null = null): LoginAttempt => ({ account, ip, knownDevice });
/** Failures spaced so that no delay is ever in the way: only the counts matter. */
function failMany(attempt: (i: number) => LoginAttempt, count: number, start = T0) {
  let now = start;
  for (let i = 0; i < count; i++) {
    now += THROTTLE.maxDelayMs + 1;
    recordLoginFailure(attempt(i), now);
  }
  return now;
}

describe("sign-in throttling", () => {
  it("lets the first few failures through, then makes the next attempt from that source wait longer each time", () => {
    const attempt = from("email:slow@etat.example", "10.0.0.1");
    for (let i = 0; i < THROTTLE.source.freeFailures - 1; i++) {
      recordLoginFailure(attempt, T0 + i);
      assert.equal(checkLoginAllowed(attempt, T0 + i + 1).allowed, true, `after ${i + 1} failures`);
    }
    recordLoginFailure(attempt, T0 + 10); // the third failure
    const verdict = checkLoginAllowed(attempt, T0 + 11);
    assert.equal(!verdict.allowed && verdict.reason, "wait");
    assert.ok(!verdict.allowed && verdict.retryAfterMs > 1000 && verdict.retryAfterMs <= 2000);
    assert.equal(checkLoginAllowed(attempt, T0 + 10 + 2000).allowed, true, "allowed again after the wait");

    recordLoginFailure(attempt, T0 + 3000); // the fourth: the wait doubles
    const longer = checkLoginAllowed(attempt, T0 + 3001);
    assert.ok(!longer.allowed && longer.retryAfterMs > 3000 && longer.retryAfterMs <= 4000);
  });

  it("a stranger guessing at a colleague's account locks only their own address, not the colleague", async () => {
    const victim = await makeUser({ email: "kollega@etat.example" });
    const account = accountKey(victim.email, victim.id);
    const now = failMany(() => from(account, "203.0.113.9"), THROTTLE.source.lockAfter + 2);
    const attacker = checkLoginAllowed(from(account, "203.0.113.9"), now + 1000);
    assert.equal(!attacker.allowed && attacker.reason, "locked", "the guesser is locked out");
    assert.ok(!attacker.allowed && attacker.retryAfterMs > THROTTLE.source.lockMs - 5000);
    assert.equal(checkLoginAllowed(from(account, "198.51.100.7"), now + 1000).allowed, true, "the colleague at their own address is not");
  });

  it("slows and then stops a guesser spread over many addresses, while the member's own browser still gets in", async () => {
    const victim = await makeUser({ email: "mange-adresser@etat.example" });
    const account = accountKey(victim.email, victim.id);
    // Twenty addresses each stay under their own limit, but together pass the account's free failures.
    let now = failMany((i) => from(account, `203.0.113.${i}`), THROTTLE.account.freeFailures);
    const slowed = checkLoginAllowed(from(account, "192.0.2.200"), now + 1);
    assert.equal(!slowed.allowed && slowed.reason, "wait", "a new address must wait");
    now = failMany((i) => from(account, `203.0.114.${i % 200}`), THROTTLE.account.lockAfter - THROTTLE.account.freeFailures, now);
    const locked = checkLoginAllowed(from(account, "192.0.2.201"), now + 1);
    assert.equal(!locked.allowed && locked.reason, "locked", "after many more, unknown sources are refused");
    assert.equal(
      checkLoginAllowed(from(account, "192.0.2.201", "the-members-laptop"), now + 1).allowed,
      true,
      "the browser the member signed in from before is not",
    );
  });

  it("a success clears only its own source: the guesser's lock and the account's count stay", async () => {
    const victim = await makeUser({ email: "suksess@etat.example" });
    const account = accountKey(victim.email, victim.id);
    const now = failMany(() => from(account, "203.0.113.50"), THROTTLE.source.lockAfter);
    failMany(() => from(account, "198.51.100.8"), 2, now);
    recordLoginSuccess(from(account, "198.51.100.8"));
    assert.equal(checkLoginAllowed(from(account, "203.0.113.50"), now + 1000).allowed, false, "still locked");
  });

  it("counts failures per address across accounts, and not for browsers known to their account", () => {
    const ip = "10.2.0.1";
    const now = failMany((i) => from(`email:guess${i}@etat.example`, ip), THROTTLE.address.lockAfter);
    const verdict = checkLoginAllowed(from("email:someone-else@etat.example", ip), now + 1);
    assert.equal(!verdict.allowed && verdict.reason, "locked");
    assert.equal(
      checkLoginAllowed(from("email:someone-else@etat.example", "10.2.0.2"), now + 1).allowed,
      true,
      "other addresses are not affected",
    );
    assert.equal(
      checkLoginAllowed(from("user:4242", ip, "colleague-pc"), now + 1).allowed,
      true,
      "a colleague's own browser behind that address is not",
    );
  });

  it("slows an address down only after many more failures than a source", () => {
    const ip = "10.2.5.1";
    for (let i = 0; i < THROTTLE.address.freeFailures - 1; i++) recordLoginFailure(from(`email:typo${i}@etat.example`, ip), T0 + i);
    assert.equal(
      checkLoginAllowed(from("email:colleague@etat.example", ip), T0 + 100).allowed,
      true,
      "colleagues behind the same address still sign in",
    );
    recordLoginFailure(from("email:typo-last@etat.example", ip), T0 + 200);
    assert.equal(checkLoginAllowed(from("email:colleague@etat.example", ip), T0 + 201).allowed, false);
  });

  it("forgets failures older than the window", () => {
    const attempt = from("email:forget@etat.example", "10.3.0.1");
    for (let i = 0; i < 3; i++) recordLoginFailure(attempt, T0 + i);
    assert.equal(checkLoginAllowed(attempt, T0 + 5).allowed, false);
    assert.equal(checkLoginAllowed(attempt, T0 + THROTTLE.windowMs + 10).allowed, true);
  });

  it("names an account by its id, so no spelling of the address counts apart", async () => {
    const user = await makeUser({ email: "stavemate@etat.example" });
    assert.equal(accountKey("stavemate@etat.example", user.id), accountKey("STAVEMATE@ETAT.EXAMPLE", user.id));
    assert.equal(accountKey(" Ingen@Etat.Example ", null), accountKey("ingen@etat.example", null));
    assert.equal(accountKey("ｉｎｇｅｎ@etat.example", null), accountKey("ingen@etat.example", null), "full-width letters fold (NFKC)");
  });

  it("verifyLogin: the member gets in from their own browser while a stranger is locked out, and a device cookie of another account does not help", async () => {
    const victim = await makeUser({ email: "offer@etat.example" });
    const laptop = { id: "victims-laptop-0001", accounts: [victim.id] };
    for (let i = 0; i < THROTTLE.source.lockAfter + 3; i++)
      await verifyLogin({ email: victim.email, password: `gjett-${i}`, ip: "127.0.0.1" });
    const stranger = await verifyLogin({ email: victim.email, password: TEST_PASSWORD, ip: "127.0.0.1" });
    assert.equal(!stranger.ok && stranger.reason, "throttled", "even the right password from the guesser's place");
    assert.deepEqual(await verifyLogin({ email: victim.email, password: TEST_PASSWORD, ip: "127.0.0.1", device: laptop }), {
      ok: true,
      userId: victim.id,
    });
    const borrowed = await verifyLogin({
      email: victim.email,
      password: TEST_PASSWORD,
      ip: "127.0.0.1",
      device: { id: "someone-elses", accounts: [victim.id + 1000] },
    });
    assert.equal(!borrowed.ok && borrowed.reason, "throttled");
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
