import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { db } from "../../db/client";
import { sessions } from "../../db/schema";
import { makeUser } from "../../tests/helpers/factories";
import { NotFoundError } from "./errors.server";
import {
  createSession,
  deleteSessionByToken,
  endProviderSessions,
  listSessions,
  revokeOtherSessions,
  revokeSession,
  SESSION_IDLE_MS,
  userForSessionToken,
} from "./sessions.server";
import { hashToken } from "~/utils/tokens.server";

const actorOf = (user: { id: number; name: string; email: string }) => ({
  userId: user.id,
  name: user.name,
  email: user.email,
  agencyId: null,
  isAdmin: false,
  ip: "",
});

describe("sessions", () => {
  it("stores only a hash of the token and finds the user by the token", async () => {
    const user = await makeUser();
    const token = createSession({ userId: user.id, userAgent: "Firefox", ip: "10.0.0.1" });
    const stored = db.select().from(sessions).where(eq(sessions.userId, user.id)).get()!;
    assert.notEqual(stored.tokenHash, token);
    assert.equal(stored.tokenHash, hashToken(token));
    assert.equal(userForSessionToken(token)?.user.id, user.id);
    assert.equal(userForSessionToken(`${token}x`), null);
  });

  it("expires after inactivity, and use extends it", async () => {
    const user = await makeUser();
    const t0 = Date.now();
    const token = createSession({ userId: user.id, userAgent: "", ip: "" }, t0);
    assert.ok(userForSessionToken(token, t0 + SESSION_IDLE_MS - 10_000), "still valid just before");
    // That use moved the expiry on.
    assert.ok(userForSessionToken(token, t0 + SESSION_IDLE_MS + 5_000), "extended by use");
    assert.equal(userForSessionToken(token, t0 + 3 * SESSION_IDLE_MS), null, "idle too long");
  });

  it("a user ends their own sessions but not someone else's", async () => {
    const user = await makeUser();
    const other = await makeUser();
    const current = createSession({ userId: user.id, userAgent: "A", ip: "" });
    createSession({ userId: user.id, userAgent: "B", ip: "" });
    createSession({ userId: user.id, userAgent: "C", ip: "" });
    const othersToken = createSession({ userId: other.id, userAgent: "X", ip: "" });
    const othersSession = userForSessionToken(othersToken)!.sessionId;
    assert.throws(() => revokeSession({ actor: actorOf(user), sessionId: othersSession }), NotFoundError);
    assert.ok(userForSessionToken(othersToken));

    const list = listSessions({ actor: actorOf(user) });
    assert.equal(list.length, 3);
    const b = list.find((s) => s.userAgent === "B")!;
    revokeSession({ actor: actorOf(user), sessionId: b.id });
    assert.equal(listSessions({ actor: actorOf(user) }).length, 2);
    const currentId = userForSessionToken(current)!.sessionId;
    assert.equal(revokeOtherSessions({ actor: actorOf(user), currentSessionId: currentId }), 1);
    assert.deepEqual(
      listSessions({ actor: actorOf(user) }).map((s) => s.userAgent),
      ["A"],
    );
  });

  it("follows a provider's rules: ends when unused for its idle time, and at its maximum however it is used", async () => {
    const user = await makeUser();
    const start = Date.now();
    const via = { provider: "ansattporten", sid: "sid-1", idToken: "id.token.value", idleMs: 30 * 60_000, maxMs: 120 * 60_000 };
    const idle = createSession({ userId: user.id, userAgent: "", ip: "", via }, start);
    assert.ok(userForSessionToken(idle, start + 29 * 60_000), "used within the idle time");
    assert.equal(userForSessionToken(idle, start + 29 * 60_000 + 30 * 60_000 + 1), null, "unused for longer than 30 minutes");

    const busy = createSession({ userId: user.id, userAgent: "", ip: "", via }, start);
    for (let minute = 20; minute < 120; minute += 20) assert.ok(userForSessionToken(busy, start + minute * 60_000), `minute ${minute}`);
    assert.equal(userForSessionToken(busy, start + 120 * 60_000 + 1), null, "ended at 120 minutes though in use");
  });

  it("ends the sessions of a provider session when the provider logs out, and hands back the id token at sign-out", async () => {
    const user = await makeUser();
    const via = { provider: "idporten", sid: "sid-shared", idToken: "id.token.value", idleMs: null, maxMs: null };
    const a = createSession({ userId: user.id, userAgent: "", ip: "", via });
    const b = createSession({ userId: user.id, userAgent: "", ip: "", via });
    const other = createSession({ userId: user.id, userAgent: "", ip: "", via: { ...via, sid: "sid-other" } });
    const password = createSession({ userId: user.id, userAgent: "", ip: "" });
    assert.equal(endProviderSessions({ provider: "ansattporten", sid: "sid-shared" }), 0, "another provider's sid ends nothing");
    assert.equal(endProviderSessions({ provider: "idporten", sid: "sid-shared" }), 2);
    assert.equal(userForSessionToken(a), null);
    assert.equal(userForSessionToken(b), null);
    assert.ok(userForSessionToken(other));
    assert.ok(userForSessionToken(password));
    assert.deepEqual(deleteSessionByToken(other), { provider: "idporten", idToken: "id.token.value" });
    assert.deepEqual(deleteSessionByToken(password), { provider: null, idToken: null });
  });
});
