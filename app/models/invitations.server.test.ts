import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { db } from "../../db/client";
import { auditLog, memberships, networkAgencies, outbox, users } from "../../db/schema";
import { makeAgency, makeMember, makeNetwork, makeUser, TEST_PASSWORD } from "../../tests/helpers/factories";
import type { Role } from "~/utils/roles";
import { DomainValidationError, ForbiddenError, NotFoundError } from "./errors.server";
import {
  acceptInvitation,
  createInvitation,
  INVITATION_TTL_MS,
  invitationForInvitee,
  InvitationUnusableError,
  listPendingInvitations,
  lookupInvitation,
  revokeInvitation,
} from "./invitations.server";

const BASE = "https://portal.example";

async function setup() {
  const network = makeNetwork();
  const agency = makeAgency();
  const facilitator = await makeMember(network, "facilitator", { agencyId: agency.id });
  return { network, agency, facilitator };
}

function invite(actor: Awaited<ReturnType<typeof setup>>["facilitator"], email: string, agencyId: number, now?: number) {
  return createInvitation(
    { actor, email, role: "representative", agencyId, responsibility: "Kontaktperson", baseUrl: BASE, locale: "nb" },
    now,
  );
}

describe("invitations", () => {
  it("queues an email with a single-use link and records the invitation", async () => {
    const { network, agency, facilitator } = await setup();
    const { token, invitation } = invite(facilitator, "ny@nav.example", agency.id);
    const mail = db.select().from(outbox).where(eq(outbox.to, "ny@nav.example")).get();
    assert.ok(mail, "an email is queued");
    assert.equal(mail.networkId, network.id);
    assert.match(mail.subject, new RegExp(network.name));
    assert.ok(mail.text.includes(`${BASE}/invitation/${token}`), "the email holds the link");
    assert.equal(
      listPendingInvitations({ actor: facilitator })
        .map((i) => i.id)
        .includes(invitation.id),
      true,
    );
    const entry = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "invitation.created"), eq(auditLog.entityId, String(invitation.id))))
      .get();
    assert.ok(entry, "the invitation is in the audit log");
  });

  it("lets the invitee join with name and password, once", async () => {
    const { network, agency, facilitator } = await setup();
    const newAgency = makeAgency("Ny etat");
    const { token } = invite(facilitator, "kari@ny.example", newAgency.id);
    const result = await acceptInvitation({ token, kind: "new", name: "Kari Ny", password: "et godt passord", ip: "" });
    assert.equal(result.networkSlug, network.slug);
    const user = db.select().from(users).where(eq(users.email, "kari@ny.example")).get()!;
    assert.equal(user.name, "Kari Ny");
    assert.equal(user.agencyId, newAgency.id);
    const membership = db.select().from(memberships).where(eq(memberships.userId, user.id)).get()!;
    assert.equal(membership.networkId, network.id);
    assert.equal(membership.role, "representative");
    assert.equal(membership.responsibility, "Kontaktperson");
    const joined = db
      .select()
      .from(networkAgencies)
      .where(and(eq(networkAgencies.networkId, network.id), eq(networkAgencies.agencyId, newAgency.id)))
      .get();
    assert.ok(joined, "the invitee's agency joins the network");

    assert.equal(lookupInvitation(token).state, "used");
    await assert.rejects(
      acceptInvitation({ token, kind: "new", name: "Again", password: "et godt passord", ip: "" }),
      (e) => e instanceof InvitationUnusableError && e.state === "used",
    );
    assert.equal(db.select().from(users).where(eq(users.email, "kari@ny.example")).all().length, 1);
    void agency;
  });

  it("expires after seven days", async () => {
    const { agency, facilitator } = await setup();
    const sent = Date.now() - INVITATION_TTL_MS - 1000;
    const { token } = invite(facilitator, "sen@etat.example", agency.id, sent);
    assert.equal(lookupInvitation(token).state, "expired");
    assert.equal(lookupInvitation(token, sent + INVITATION_TTL_MS - 1).state, "valid");
    await assert.rejects(
      acceptInvitation({ token, kind: "new", name: "Sen", password: "et godt passord", ip: "" }),
      (e) => e instanceof InvitationUnusableError && e.state === "expired",
    );
    assert.equal(db.select().from(users).where(eq(users.email, "sen@etat.example")).get(), undefined);
  });

  it("unknown and withdrawn links cannot be used", async () => {
    const { agency, facilitator } = await setup();
    assert.equal(lookupInvitation("not-a-token").state, "unknown");
    const { token, invitation } = invite(facilitator, "trukket@etat.example", agency.id);
    revokeInvitation({ actor: facilitator, invitationId: invitation.id });
    assert.equal(lookupInvitation(token).state, "revoked");
    await assert.rejects(acceptInvitation({ token, kind: "new", name: "X", password: "et godt passord", ip: "" }), InvitationUnusableError);
  });

  it("an unusable link is refused as the whole form, in the words of its state", async () => {
    const { agency, facilitator } = await setup();
    const { token, invitation } = invite(facilitator, "brukt@etat.example", agency.id);
    revokeInvitation({ actor: facilitator, invitationId: invitation.id });
    await assert.rejects(
      acceptInvitation({ token, kind: "new", name: "X", password: "et godt passord", ip: "" }),
      (e) => e instanceof DomainValidationError && e.field === "form" && e.messageKey === "accept.revoked",
    );
    await assert.rejects(
      acceptInvitation({ token: "not-a-token", kind: "new", name: "X", password: "et godt passord", ip: "" }),
      (e) => e instanceof DomainValidationError && e.field === "form" && e.messageKey === "accept.unknown",
    );
  });

  it("shows the invitee the invitation, never its token or who sent it", async () => {
    const { agency, facilitator } = await setup();
    const { token } = invite(facilitator, "vis@etat.example", agency.id);
    const view = invitationForInvitee(token);
    assert.equal(view.state, "valid");
    assert.deepEqual(Object.keys(view.invitation ?? {}).sort(), ["agencyName", "email", "networkName", "role"]);
    assert.equal(view.existingUser, false);
    assert.deepEqual(invitationForInvitee("not-a-token"), {
      state: "unknown",
      unusable: "accept.unknown",
      invitation: null,
      existingUser: false,
    });
  });

  it("a new invitation to the same address withdraws the earlier one", async () => {
    const { agency, facilitator } = await setup();
    const first = invite(facilitator, "to@ganger.example", agency.id);
    const second = invite(facilitator, "to@ganger.example", agency.id);
    assert.equal(lookupInvitation(first.token).state, "revoked");
    assert.equal(lookupInvitation(second.token).state, "valid");
  });

  it("an existing account joins with its own password, not a new one", async () => {
    const { network, agency, facilitator } = await setup();
    const existing = await makeUser({ email: "har@konto.example", name: "Har Konto" });
    const { token } = invite(facilitator, existing.email, agency.id);
    assert.equal(lookupInvitation(token).existingUser, true);
    await assert.rejects(acceptInvitation({ token, kind: "existing", password: "wrong password", ip: "" }), DomainValidationError);
    assert.equal(lookupInvitation(token).state, "valid", "a wrong password does not spend the link");
    await acceptInvitation({ token, kind: "existing", password: TEST_PASSWORD, ip: "" });
    const membership = db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, existing.id), eq(memberships.networkId, network.id)))
      .get();
    assert.ok(membership);
  });

  it("refuses to invite someone who is already a member", async () => {
    const { network, agency, facilitator } = await setup();
    const member = await makeMember(network, "participant");
    assert.throws(() => invite(facilitator, member.email, agency.id), DomainValidationError);
  });

  it("refuses an agency that does not exist", async () => {
    const { facilitator } = await setup();
    assert.throws(
      () => invite(facilitator, "x@y.example", 999_999),
      (e) => e instanceof DomainValidationError && e.field === "agencyId",
    );
  });

  it("only facilitators invite, and only in their own network", async () => {
    const { network, agency, facilitator } = await setup();
    for (const role of ["representative", "leader", "participant"] as const) {
      const actor = await makeMember(network, role);
      assert.throws(() => invite(actor, `${role}@x.example`, agency.id), ForbiddenError);
      assert.throws(() => listPendingInvitations({ actor }), ForbiddenError);
    }
    // A facilitator of another network cannot see or withdraw this network's invitations.
    const other = makeNetwork();
    const otherFacilitator = await makeMember(other, "facilitator");
    const { invitation, token } = invite(facilitator, "mål@etat.example", agency.id);
    assert.throws(() => revokeInvitation({ actor: otherFacilitator, invitationId: invitation.id }), NotFoundError);
    assert.equal(listPendingInvitations({ actor: otherFacilitator }).length, 0);
    assert.equal(lookupInvitation(token).state, "valid");
  });

  it("a link grants membership in its own network only", async () => {
    const { network, agency, facilitator } = await setup();
    const other = makeNetwork();
    const { token } = invite(facilitator, "bare@ett.example", agency.id);
    const { userId } = await acceptInvitation({ token, kind: "new", name: "Bare Ett", password: "et godt passord", ip: "" });
    const networksOfUser = db.select({ networkId: memberships.networkId }).from(memberships).where(eq(memberships.userId, userId)).all();
    assert.deepEqual(networksOfUser, [{ networkId: network.id }]);
    assert.notEqual(other.id, network.id);
  });
});

describe("invitations by an agency administrator", () => {
  async function agencySetup() {
    const { network, agency: nav, facilitator } = await setup();
    const udi = makeAgency();
    const admin = await makeMember(network, "agency_admin", { agencyId: nav.id, name: "Nina Administrator" });
    return { network, nav, udi, facilitator, admin };
  }
  const ask = (actor: Awaited<ReturnType<typeof setup>>["facilitator"], input: { email: string; role: Role; agencyId: number }) =>
    createInvitation({ actor, ...input, responsibility: "", baseUrl: BASE, locale: "nb" });
  const refusedOn = (field: string, key: string) => (e: unknown) =>
    e instanceof DomainValidationError && e.field === field && e.messageKey === key;

  it("invites someone of their own agency in one of the three roles, sees and withdraws it", async () => {
    const { nav, admin, facilitator } = await agencySetup();
    const { invitation } = ask(admin, { email: "kollega@nav.example", role: "leader", agencyId: nav.id });
    assert.equal(db.select().from(outbox).where(eq(outbox.to, "kollega@nav.example")).all().length, 1);
    assert.deepEqual(
      listPendingInvitations({ actor: admin }).map((i) => i.email),
      ["kollega@nav.example"],
    );
    assert.ok(
      listPendingInvitations({ actor: facilitator }).some((i) => i.id === invitation.id),
      "the facilitator sees it too",
    );
    revokeInvitation({ actor: admin, invitationId: invitation.id });
    assert.deepEqual(listPendingInvitations({ actor: admin }), []);
  });

  it("refuses another agency, the roles only a facilitator gives, and another agency's people, sending nothing", async () => {
    const { nav, udi, admin } = await agencySetup();
    await makeUser({ email: "har.konto@udi.example", agencyId: udi.id });
    const mailsBefore = db.select().from(outbox).all().length;
    assert.throws(
      () => ask(admin, { email: "a@udi.example", role: "participant", agencyId: udi.id }),
      refusedOn("agencyId", "agencyAdmin.otherAgency"),
    );
    for (const role of ["facilitator", "agency_admin"] as const) {
      assert.throws(() => ask(admin, { email: "b@nav.example", role, agencyId: nav.id }), refusedOn("role", "agencyAdmin.roleNotAllowed"));
    }
    assert.throws(
      () => ask(admin, { email: "har.konto@udi.example", role: "participant", agencyId: nav.id }),
      refusedOn("email", "agencyAdmin.otherAgencyAccount"),
      "an account of another agency would join as that agency's",
    );
    assert.equal(db.select().from(outbox).all().length, mailsBefore);
    assert.deepEqual(listPendingInvitations({ actor: admin }), []);
  });

  it("neither sees, withdraws nor replaces invitations outside their agency and roles", async () => {
    const { nav, udi, admin, facilitator } = await agencySetup();
    const toUdi = ask(facilitator, { email: "ny@udi.example", role: "participant", agencyId: udi.id }).invitation;
    const navAdmin = ask(facilitator, { email: "ny.admin@nav.example", role: "agency_admin", agencyId: nav.id }).invitation;
    assert.deepEqual(listPendingInvitations({ actor: admin }), []);
    for (const invitation of [toUdi, navAdmin]) {
      assert.throws(() => revokeInvitation({ actor: admin, invitationId: invitation.id }), ForbiddenError);
    }
    // Inviting the same address to their own agency would withdraw the facilitator's invitation.
    assert.throws(
      () => ask(admin, { email: "ny.admin@nav.example", role: "participant", agencyId: nav.id }),
      refusedOn("email", "agencyAdmin.pendingElsewhere"),
    );
    const other = await makeMember(makeNetwork(), "facilitator", { agencyId: nav.id });
    const elsewhere = ask(other, { email: "x@nav.example", role: "participant", agencyId: nav.id }).invitation;
    assert.throws(() => revokeInvitation({ actor: admin, invitationId: elsewhere.id }), NotFoundError);
    const pending = listPendingInvitations({ actor: facilitator }).map((i) => i.id);
    assert.ok(pending.includes(toUdi.id) && pending.includes(navAdmin.id), "the refused attempts changed nothing");
  });

  it("a representative may not invite at all", async () => {
    const { network, nav } = await agencySetup();
    const representative = await makeMember(network, "representative", { agencyId: nav.id });
    assert.throws(() => ask(representative, { email: "c@nav.example", role: "participant", agencyId: nav.id }), ForbiddenError);
    assert.throws(() => listPendingInvitations({ actor: representative }), ForbiddenError);
  });
});
