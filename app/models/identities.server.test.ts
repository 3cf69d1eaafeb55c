import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { db } from "../../db/client";
import { agencies, auditLog, memberships, networks, userIdentities, users } from "../../db/schema";
import { makeAgency, makeMember, makeNetwork, makeUser } from "../../tests/helpers/factories";
import type { ProviderConfig } from "~/utils/sign-in-config.server";
import { DomainValidationError } from "./errors.server";
import {
  beginPendingSignIn,
  listIdentities,
  PENDING_SIGN_IN_TTL_MS,
  recordSignInRefused,
  resolveProviderSignIn,
  SignInRefusedError,
  takePendingSignIn,
  unlinkIdentity,
  type PendingSignIn,
} from "./identities.server";
import { createInvitation } from "./invitations.server";

let orgCounter = 900000000;
function agencyWithOrg() {
  const agency = makeAgency();
  const orgNumber = String(++orgCounter);
  db.update(agencies).set({ orgNumber }).where(eq(agencies.id, agency.id)).run();
  return { ...agency, orgNumber };
}

const provider = (kind: ProviderConfig["kind"], over: Partial<ProviderConfig> = {}): ProviderConfig => ({
  id: kind === "entra" ? "entra-test" : kind,
  kind,
  label: kind,
  issuer: "https://idp.example",
  clientId: "portal",
  clientAuth: { method: "client_secret_post", secret: "s" },
  scopes: "openid",
  acr: kind === "entra" ? null : "idporten-loa-substantial",
  authorizationDetails: kind === "ansattporten" ? [{ type: "ansattporten:altinn:service", resource: "urn:altinn:resource:x" }] : null,
  agencyOrgNumber: null,
  maxSessionMs: null,
  idleMs: null,
  ...over,
});

let stateCounter = 0;
function pending(over: { invitationToken?: string; linkUserId?: number; providerId?: string } = {}): PendingSignIn {
  const state = `state-${++stateCounter}-abcdefghijklmnop`;
  beginPendingSignIn({
    providerId: over.providerId ?? "p",
    state,
    nonce: "n",
    codeVerifier: "v",
    redirectTo: "/",
    invitationToken: over.invitationToken ?? null,
    linkUserId: over.linkUserId ?? null,
  });
  return takePendingSignIn({ providerId: over.providerId ?? "p", state })!;
}

const acting = (orgNumber: string) => [
  {
    type: "ansattporten:altinn:service",
    resource: "urn:altinn:resource:x",
    reportees: [{ Rights: ["Read"], Authority: "iso6523-actorid-upis", ID: `0192:${orgNumber}`, Name: "Etat" }],
  },
];

async function invitation(agencyId: number, email: string) {
  const network = makeNetwork();
  const facilitator = await makeMember(network, "facilitator", { agencyId });
  const { token } = createInvitation({
    actor: facilitator,
    email,
    role: "representative",
    agencyId,
    responsibility: "Bosetting",
    baseUrl: "https://portal.example",
    locale: "nb",
  });
  return { network, token };
}

const countRows = (table: typeof users | typeof userIdentities | typeof memberships) => db.select().from(table).all().length;

describe("pending sign-ins", () => {
  it("are spent by the first callback and worth nothing after ten minutes", () => {
    const now = Date.now();
    beginPendingSignIn({ providerId: "p", state: "s-once-abcdefghijklmnop", nonce: "n", codeVerifier: "v", redirectTo: "/" }, now);
    assert.ok(takePendingSignIn({ providerId: "p", state: "s-once-abcdefghijklmnop" }, now));
    assert.equal(takePendingSignIn({ providerId: "p", state: "s-once-abcdefghijklmnop" }, now), null, "a replayed callback finds nothing");

    beginPendingSignIn({ providerId: "p", state: "s-late-abcdefghijklmnop", nonce: "n", codeVerifier: "v", redirectTo: "/" }, now);
    assert.equal(takePendingSignIn({ providerId: "p", state: "s-late-abcdefghijklmnop" }, now + PENDING_SIGN_IN_TTL_MS + 1), null);

    beginPendingSignIn({ providerId: "p", state: "s-other-abcdefghijklmnop", nonce: "n", codeVerifier: "v", redirectTo: "/" }, now);
    assert.equal(takePendingSignIn({ providerId: "q", state: "s-other-abcdefghijklmnop" }, now), null, "another provider's callback");
  });
});

describe("who comes in through a provider", () => {
  it("an invitee joins through Ansattporten acting for the invited agency: an account without a password, linked by sub", async () => {
    const agency = agencyWithOrg();
    const { network, token } = await invitation(agency.id, "nora@nav.example");
    const result = resolveProviderSignIn({
      provider: provider("ansattporten"),
      identity: {
        claims: { sub: "ap-nora", acr: "idporten-loa-substantial", name: "Nora Navesen", authorization_details: acting(agency.orgNumber) },
      },
      pending: pending({ invitationToken: token }),
      ip: "10.0.0.1",
    });
    assert.deepEqual(result.joined, { networkSlug: network.slug });
    const user = db.select().from(users).where(eq(users.id, result.userId)).get()!;
    assert.equal(user.email, "nora@nav.example");
    assert.equal(user.name, "Nora Navesen");
    assert.equal(user.passwordHash, null);
    assert.equal(user.agencyId, agency.id);
    const identity = db.select().from(userIdentities).where(eq(userIdentities.userId, user.id)).get()!;
    assert.deepEqual([identity.provider, identity.subject], ["ansattporten", "ap-nora"]);
    assert.equal(db.select().from(memberships).where(eq(memberships.userId, user.id)).get()?.role, "representative");

    // Coming back later: the same sub finds the same account.
    const again = resolveProviderSignIn({
      provider: provider("ansattporten"),
      identity: { claims: { sub: "ap-nora", acr: "idporten-loa-high", authorization_details: acting(agency.orgNumber) } },
      pending: pending(),
      ip: "10.0.0.1",
    });
    assert.equal(again.userId, user.id);
    assert.equal(again.joined, null);
  });

  it("refuses, creating nothing: another organisation, no organisation, an unknown one, a low level, a spent invitation", async () => {
    const agency = agencyWithOrg();
    const other = agencyWithOrg();
    const { token } = await invitation(agency.id, "ulrik@udi.example");
    const before = [countRows(users), countRows(userIdentities), countRows(memberships)];
    const attempt =
      (claims: Record<string, unknown>, p = provider("ansattporten")) =>
      () =>
        resolveProviderSignIn({
          provider: p,
          identity: { claims: { sub: "ap-ulrik", ...claims } },
          pending: pending({ invitationToken: token }),
          ip: "",
        });
    const refusedWith = (reason: string) => (error: unknown) => error instanceof SignInRefusedError && error.reason === reason;

    assert.throws(
      attempt({ acr: "idporten-loa-substantial", authorization_details: acting(other.orgNumber) }),
      refusedWith("wrongOrganisation"),
    );
    // Since 2024 Ansattporten signs in a person without the right, with an empty list of reportees.
    const noRight = [{ type: "ansattporten:altinn:service", resource: "urn:altinn:resource:x", reportees: [] }];
    assert.throws(attempt({ acr: "idporten-loa-substantial", authorization_details: noRight }), refusedWith("noOrganisation"));
    assert.throws(
      attempt({ acr: "idporten-loa-substantial", authorization_details: acting("111111111") }),
      refusedWith("unknownOrganisation"),
    );
    assert.throws(attempt({ acr: "idporten-loa-low", authorization_details: acting(agency.orgNumber) }), refusedWith("acr"));
    assert.throws(attempt({ authorization_details: acting(agency.orgNumber) }), refusedWith("acr"));
    const high = provider("ansattporten", { acr: "idporten-loa-high" });
    assert.throws(attempt({ acr: "idporten-loa-substantial", authorization_details: acting(agency.orgNumber) }, high), refusedWith("acr"));
    assert.deepEqual([countRows(users), countRows(userIdentities), countRows(memberships)], before);

    // The right one joins once; the same link a second time is refused.
    attempt({ acr: "idporten-loa-substantial", authorization_details: acting(agency.orgNumber) })();
    assert.throws(
      () =>
        resolveProviderSignIn({
          provider: provider("idporten"),
          identity: { claims: { sub: "citizen-2", acr: "idporten-loa-high" } },
          pending: pending({ invitationToken: token }),
          ip: "",
        }),
      refusedWith("invitation"),
    );
  });

  it("does not let an invitation link take over an existing account with the invited address", async () => {
    const agency = agencyWithOrg();
    const existing = await makeUser({ email: "kari@imdi.example", agencyId: agency.id });
    const { token } = await invitation(agency.id, "kari@imdi.example");
    assert.throws(
      () =>
        resolveProviderSignIn({
          provider: provider("idporten"),
          identity: { claims: { sub: "someone-else", acr: "idporten-loa-high" } },
          pending: pending({ invitationToken: token }),
          ip: "",
        }),
      (error: unknown) => error instanceof SignInRefusedError && error.reason === "existingAccount",
    );
    assert.equal(db.select().from(userIdentities).where(eq(userIdentities.userId, existing.id)).all().length, 0);
  });

  it("refuses an identity linked to nobody, and a linked account no longer in any network", async () => {
    const agency = agencyWithOrg();
    const network = makeNetwork();
    const member = await makeMember(network, "participant", { agencyId: agency.id });
    db.insert(userIdentities).values({ userId: member.userId, provider: "idporten", subject: "linked-sub" }).run();
    const signIn = (sub: string) => () =>
      resolveProviderSignIn({
        provider: provider("idporten"),
        identity: { claims: { sub, acr: "idporten-loa-substantial" } },
        pending: pending(),
        ip: "",
      });
    assert.equal(signIn("linked-sub")().userId, member.userId);
    assert.throws(signIn("unknown-sub"), (e: unknown) => e instanceof SignInRefusedError && e.reason === "notLinked");
    db.delete(memberships).where(eq(memberships.userId, member.userId)).run();
    assert.throws(signIn("linked-sub"), (e: unknown) => e instanceof SignInRefusedError && e.reason === "notMember");
  });

  it("links an agency's Entra ID user by verified email only where a network of theirs allows it", async () => {
    const agency = agencyWithOrg();
    const network = makeNetwork();
    const member = await makeMember(network, "representative", { agencyId: agency.id, email: "ola.entra@nav.example" });
    const entra = provider("entra", { agencyOrgNumber: agency.orgNumber });
    const signIn = (claims: Record<string, unknown>) => () =>
      resolveProviderSignIn({ provider: entra, identity: { claims: { sub: "entra-ola", ...claims } }, pending: pending(), ip: "" });
    assert.throws(signIn({ email: "ola.entra@nav.example" }), (e: unknown) => e instanceof SignInRefusedError && e.reason === "notLinked");
    db.update(networks).set({ allowEmailLinking: true }).where(eq(networks.id, network.id)).run();
    assert.throws(signIn({ email: "ola.entra@nav.example", email_verified: false }), (e: unknown) => e instanceof SignInRefusedError);
    assert.throws(signIn({ email: "OLA.entra@nav.example.evil" }), (e: unknown) => e instanceof SignInRefusedError);
    assert.equal(signIn({ email: "Ola.Entra@nav.example" })().userId, member.userId);
    assert.equal(db.select().from(userIdentities).where(eq(userIdentities.subject, "entra-ola")).get()?.userId, member.userId);

    // The same email in another agency's tenant is not this person.
    const otherAgency = agencyWithOrg();
    const foreign = provider("entra", { id: "entra-other", agencyOrgNumber: otherAgency.orgNumber });
    assert.throws(
      () =>
        resolveProviderSignIn({
          provider: foreign,
          identity: { claims: { sub: "entra-x", email: "ola.entra@nav.example" } },
          pending: pending({ providerId: "entra-other" }),
          ip: "",
        }),
      (e: unknown) => e instanceof SignInRefusedError && e.reason === "notLinked",
    );
  });

  it("links from the account page and refuses an identity already linked to someone else", async () => {
    const a = await makeUser();
    const b = await makeUser();
    const idporten = provider("idporten");
    const link = (userId: number, sub: string) => () =>
      resolveProviderSignIn({
        provider: idporten,
        identity: { claims: { sub, acr: "idporten-loa-high" } },
        pending: pending({ linkUserId: userId }),
        ip: "",
      });
    link(a.id, "citizen-a")();
    assert.throws(link(b.id, "citizen-a"), (e: unknown) => e instanceof SignInRefusedError && e.reason === "linkedElsewhere");
    const actorA = { userId: a.id, name: a.name, email: a.email, agencyId: null, isAdmin: false, ip: "" };
    const [linked] = listIdentities({ actor: actorA });
    assert.equal(linked.provider, "idporten");
    // b cannot remove a's sign-in; a can (a has a password, so it is not the last way in).
    const actorB = { ...actorA, userId: b.id, name: b.name };
    assert.throws(() => unlinkIdentity({ actor: actorB, identityId: linked.id, providerLabel: "ID-porten" }));
    unlinkIdentity({ actor: actorA, identityId: linked.id, providerLabel: "ID-porten" });
    assert.equal(listIdentities({ actor: actorA }).length, 0);
  });

  it("never removes the last way in of an account without a password", async () => {
    const agency = agencyWithOrg();
    const { token } = await invitation(agency.id, "uten.passord@nav.example");
    const { userId } = resolveProviderSignIn({
      provider: provider("idporten"),
      identity: { claims: { sub: "only-way", acr: "idporten-loa-substantial" } },
      pending: pending({ invitationToken: token }),
      ip: "",
    });
    const actor = { userId, name: "x", email: "uten.passord@nav.example", agencyId: agency.id, isAdmin: false, ip: "" };
    const [identity] = listIdentities({ actor });
    assert.throws(() => unlinkIdentity({ actor, identityId: identity.id, providerLabel: "ID-porten" }), DomainValidationError);
    assert.equal(listIdentities({ actor }).length, 1);
  });

  it("audits a refusal by provider and reason, with no token in the entry", () => {
    recordSignInRefused({ provider: provider("idporten"), reason: "acr", networkId: null, ip: "10.1.1.1" });
    const entry = db.select().from(auditLog).where(eq(auditLog.action, "login.refused")).all().at(-1)!;
    assert.match(entry.summary, /idporten.*sikkerhetsnivå/i);
    assert.doesNotMatch(JSON.stringify(entry), /eyJ/);
  });
});
