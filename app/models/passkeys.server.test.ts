import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { db } from "../../db/client";
import { auditLog, loginThrottle, passkeys, users } from "../../db/schema";
import { makeMember, makeNetwork, makeUser } from "../../tests/helpers/factories";
import { makeSoftPasskey, softAuthenticate, softRegister, type SoftPasskey } from "../../tests/helpers/soft-authenticator";
import { newToken } from "~/utils/tokens.server";
import { ConflictError, DomainValidationError, ForbiddenError, NotFoundError } from "./errors.server";
import { CHALLENGE_TTL_MS, type Ceremony } from "./passkey-challenges.server";
import { resetSecondStep, secondStepOf } from "./passkey-reset.server";
import { beginPasskeySignIn, beginSecondStep, finishPasskeySignIn, finishSecondStep, startSecondStep } from "./passkey-sign-in.server";
import { beginRegistration, finishRegistration, listPasskeys, removePasskey, setPasskeyRequired } from "./passkeys.server";
import type { UserActor } from "./permissions.server";

const ORIGIN = "http://localhost:3000";
const browser = (origin = ORIGIN): Ceremony => ({ browserToken: newToken(), origin });

async function person() {
  const user = await makeUser();
  const actor: UserActor = { userId: user.id, name: user.name, email: user.email, agencyId: null, isAdmin: false, ip: "10.0.0.1" };
  return actor;
}

async function addPasskey(actor: UserActor, name = "Telefon") {
  const soft = makeSoftPasskey();
  const ceremony = browser();
  const options = await beginRegistration({ actor, ceremony });
  await finishRegistration({ actor, ceremony, name, response: softRegister(soft, options, { origin: ORIGIN }) });
  return soft;
}

async function signInWith(soft: SoftPasskey, opts: { counter?: number; userVerified?: boolean; origin?: string } = {}) {
  const ceremony = browser();
  const options = await beginPasskeySignIn({ ceremony });
  const response = softAuthenticate(soft, options, {
    origin: opts.origin ?? ORIGIN,
    counter: opts.counter,
    userVerified: opts.userVerified,
  });
  return { ceremony, response, result: finishPasskeySignIn({ ceremony, response, ip: "10.0.0.1" }) };
}

const refusedWith = (key: string) => (error: unknown) => error instanceof DomainValidationError && error.messageKey === key;
const actions = (userId: number) =>
  db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.entityId, String(userId)))
    .all()
    .map((r) => r.action);

describe("adding passkeys", () => {
  it("stores the passkey under its name, bound to the relying party of the origin it was made at", async () => {
    const actor = await person();
    const ceremony = browser();
    const options = await beginRegistration({ actor, ceremony });
    assert.equal(options.rp.id, "localhost");
    assert.equal(options.authenticatorSelection?.userVerification, "preferred");
    const soft = makeSoftPasskey();
    await finishRegistration({ actor, ceremony, name: "  Jobb-PC  ", response: softRegister(soft, options, { origin: ORIGIN }) });
    const { passkeys: list } = listPasskeys({ actor });
    assert.deepEqual(
      list.map((p) => [p.id, p.name, p.lastUsedAt]),
      [[soft.id, "Jobb-PC", null]],
    );
    assert.ok(actions(actor.userId).includes("passkey.added"));
  });

  it("refuses an answer to another user's challenge, and one made for another origin", async () => {
    const alice = await person();
    const mallory = await person();
    const ceremony = browser();
    const options = await beginRegistration({ actor: alice, ceremony });
    const response = softRegister(makeSoftPasskey(), options, { origin: ORIGIN });
    await assert.rejects(finishRegistration({ actor: mallory, ceremony, name: "Min", response }), refusedWith("passkeys.expired"));
    assert.equal(listPasskeys({ actor: mallory }).passkeys.length, 0);

    const evil = softRegister(makeSoftPasskey(), options, { origin: "http://localhost.evil.example:3000" });
    await assert.rejects(finishRegistration({ actor: alice, ceremony, name: "Min", response: evil }), refusedWith("passkeys.notVerified"));
    // That try used the challenge up: the good answer now finds none.
    await assert.rejects(finishRegistration({ actor: alice, ceremony, name: "Min", response }), refusedWith("passkeys.expired"));
    assert.equal(listPasskeys({ actor: alice }).passkeys.length, 0);
  });

  it("refuses an answer sent from another browser than the one the ceremony began in", async () => {
    const actor = await person();
    const options = await beginRegistration({ actor, ceremony: browser() });
    const response = softRegister(makeSoftPasskey(), options, { origin: ORIGIN });
    await assert.rejects(finishRegistration({ actor, ceremony: browser(), name: "Min", response }), refusedWith("passkeys.expired"));
  });

  it("refuses an account without a password", async () => {
    const actor = await person();
    db.update(users).set({ passwordHash: null }).where(eq(users.id, actor.userId)).run();
    await assert.rejects(beginRegistration({ actor, ceremony: browser() }), refusedWith("passkeys.needsPassword"));
  });
});

describe("signing in with a passkey alone", () => {
  it("finds the user from the passkey, moves the counter on and logs it", async () => {
    const actor = await person();
    const soft = await addPasskey(actor);
    const { result } = await signInWith(soft);
    assert.deepEqual(await result, { userId: actor.userId });
    const row = db.select().from(passkeys).where(eq(passkeys.id, soft.id)).get()!;
    assert.equal(row.counter, 1);
    assert.ok(row.lastUsedAt);
    assert.ok(actions(actor.userId).includes("login.passkey"));
  });

  it("refuses the same answer twice (the challenge is used up)", async () => {
    const actor = await person();
    const soft = await addPasskey(actor);
    const { ceremony, response, result } = await signInWith(soft);
    await result;
    await assert.rejects(finishPasskeySignIn({ ceremony, response, ip: "" }), refusedWith("passkeys.expired"));
    // Nor does an old answer fit a new challenge.
    const again = browser();
    await beginPasskeySignIn({ ceremony: again });
    await assert.rejects(finishPasskeySignIn({ ceremony: again, response, ip: "" }), refusedWith("passkeys.signInFailed"));
  });

  it("refuses a counter that goes backwards (a copied passkey)", async () => {
    const actor = await person();
    const soft = await addPasskey(actor);
    await (
      await signInWith(soft, { counter: 5 })
    ).result;
    await assert.rejects((await signInWith(soft, { counter: 3 })).result, refusedWith("passkeys.signInFailed"));
    assert.equal(db.select().from(passkeys).where(eq(passkeys.id, soft.id)).get()!.counter, 5);
    assert.ok(actions(actor.userId).includes("login.passkey_failed"));
  });

  it("refuses an expired challenge", async () => {
    const actor = await person();
    const soft = await addPasskey(actor);
    const ceremony = browser();
    const options = await beginPasskeySignIn({ ceremony });
    const response = softAuthenticate(soft, options, { origin: ORIGIN });
    await assert.rejects(
      finishPasskeySignIn({ ceremony, response, ip: "", now: Date.now() + CHALLENGE_TTL_MS + 1000 }),
      refusedWith("passkeys.expired"),
    );
  });

  it("requires the person to be verified, and the portal's own origin", async () => {
    const actor = await person();
    const soft = await addPasskey(actor);
    await assert.rejects((await signInWith(soft, { userVerified: false })).result, refusedWith("passkeys.signInFailed"));
    await assert.rejects((await signInWith(soft, { origin: "http://evil.example" })).result, refusedWith("passkeys.signInFailed"));
    await assert.rejects((await signInWith(makeSoftPasskey())).result, refusedWith("passkeys.signInFailed"));
  });
});

describe("a passkey after the password", () => {
  it("is required only with a passkey, and the last one stays while it is", async () => {
    const actor = await person();
    assert.throws(() => setPasskeyRequired({ actor, required: true }), refusedWith("passkeys.requireNeedsOne"));
    const soft = await addPasskey(actor);
    setPasskeyRequired({ actor, required: true });
    assert.equal(listPasskeys({ actor }).required, true);
    assert.throws(() => removePasskey({ actor, passkeyId: soft.id }), ConflictError);
    assert.equal(listPasskeys({ actor }).passkeys.length, 1);
    setPasskeyRequired({ actor, required: false });
    removePasskey({ actor, passkeyId: soft.id });
    assert.equal(listPasskeys({ actor }).passkeys.length, 0);
    const logged = actions(actor.userId);
    for (const action of ["passkey.required", "passkey.not_required", "passkey.removed"]) assert.ok(logged.includes(action), action);
  });

  it("removes only the actor's own passkeys", async () => {
    const alice = await person();
    const mallory = await person();
    const soft = await addPasskey(alice);
    assert.throws(() => removePasskey({ actor: mallory, passkeyId: soft.id }), NotFoundError);
    assert.equal(listPasskeys({ actor: alice }).passkeys.length, 1);
  });

  it("takes only the pending user's own passkey, once, and counts failures like wrong passwords", async () => {
    const alice = await person();
    const mallory = await person();
    const own = await addPasskey(alice);
    const foreign = await addPasskey(mallory);
    const ceremony = browser();
    startSecondStep({ ceremony, userId: alice.userId, redirectTo: "/n/ukraina" });

    let options = await beginSecondStep({ ceremony });
    assert.deepEqual(
      options.allowCredentials?.map((c) => c.id),
      [own.id],
    );
    const wrong = await finishSecondStep({ ceremony, response: softAuthenticate(foreign, options, { origin: ORIGIN }), ip: "10.9.9.9" });
    assert.deepEqual(wrong, { ok: false, messageKey: "passkeys.stepFailed" });
    assert.ok(actions(alice.userId).includes("login.second_step_failed"));
    assert.ok(db.select().from(loginThrottle).where(eq(loginThrottle.key, `ip:10.9.9.9`)).get(), "counted");

    options = await beginSecondStep({ ceremony });
    // Presence is enough after the password.
    const response = softAuthenticate(own, options, { origin: ORIGIN, userVerified: false });
    assert.deepEqual(await finishSecondStep({ ceremony, response, ip: "10.9.9.9" }), {
      ok: true,
      userId: alice.userId,
      redirectTo: "/n/ukraina",
    });
    assert.deepEqual(await finishSecondStep({ ceremony, response, ip: "10.9.9.9" }), { ok: false, messageKey: "passkeys.stepExpired" });
    await assert.rejects(beginSecondStep({ ceremony }), refusedWith("passkeys.stepExpired"));
  });

  it("ends five minutes after the password, however often the passkey is asked for", async () => {
    const actor = await person();
    const soft = await addPasskey(actor);
    const ceremony = browser();
    startSecondStep({ ceremony, userId: actor.userId, redirectTo: "/" });
    const options = await beginSecondStep({ ceremony });
    const response = softAuthenticate(soft, options, { origin: ORIGIN });
    const late = await finishSecondStep({ ceremony, response, ip: "", now: Date.now() + CHALLENGE_TTL_MS + 1000 });
    assert.deepEqual(late, { ok: false, messageKey: "passkeys.stepExpired" });
    await assert.rejects(beginSecondStep({ ceremony: browser() }), refusedWith("passkeys.stepExpired"));
  });
});

describe("a facilitator's reset of the second step", () => {
  it("removes the member's passkeys and the requirement, in the own network only, and logs who did it", async () => {
    const network = makeNetwork();
    const other = makeNetwork();
    const facilitator = await makeMember(network, "facilitator");
    const outsider = await makeMember(other, "facilitator");
    const representative = await makeMember(network, "representative");
    const member = await makeMember(network, "participant");
    const memberActor: UserActor = { ...member };
    await addPasskey(memberActor);
    await addPasskey(memberActor, "Nøkkel");
    setPasskeyRequired({ actor: memberActor, required: true });

    assert.throws(() => resetSecondStep({ actor: outsider, membershipId: member.membershipId }), NotFoundError);
    assert.throws(() => resetSecondStep({ actor: representative, membershipId: member.membershipId }), ForbiddenError);
    assert.throws(() => secondStepOf({ actor: representative, membershipId: member.membershipId }), ForbiddenError);
    assert.deepEqual(secondStepOf({ actor: facilitator, membershipId: member.membershipId }), { passkeys: 2, required: true });

    assert.deepEqual(resetSecondStep({ actor: facilitator, membershipId: member.membershipId }), { name: member.name, removed: 2 });
    assert.deepEqual(secondStepOf({ actor: facilitator, membershipId: member.membershipId }), { passkeys: 0, required: false });
    const entry = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "passkey.reset"), eq(auditLog.entityId, String(member.userId))))
      .get()!;
    assert.equal(entry.networkId, network.id);
    assert.equal(entry.actorUserId, facilitator.userId);
    assert.match(entry.summary, new RegExp(member.name));
  });
});
