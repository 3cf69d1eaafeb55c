import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { db } from "../../db/client";
import { auditLog, memberships, sessions } from "../../db/schema";
import { translator } from "~/i18n";
import { parseCsv } from "~/utils/csv";
import { makeAgency, makeMember, makeNetwork } from "../../tests/helpers/factories";
import { DomainValidationError, ForbiddenError, NotFoundError } from "./errors.server";
import {
  getMember,
  getMemberPage,
  listAgencyAdmins,
  listMembers,
  membersCsv,
  removeMember,
  updateMember,
  updateOwnResponsibility,
} from "./members.server";
import { createSession } from "./sessions.server";

describe("member directory", () => {
  it("lists members by agency with filters, and never another network's", async () => {
    const network = makeNetwork();
    const nav = makeAgency("NAV test");
    const udi = makeAgency("UDI test");
    const facilitator = await makeMember(network, "facilitator", { agencyId: nav.id, name: "Anna Fasilitator" });
    await makeMember(network, "representative", { agencyId: udi.id, name: "Bård Representant" });
    await makeMember(network, "participant", { agencyId: udi.id, name: "Cecilie Deltaker" });
    const other = makeNetwork();
    await makeMember(other, "facilitator", { agencyId: udi.id, name: "Utenfor Nettverket" });

    const all = listMembers({ actor: facilitator });
    assert.deepEqual(
      all.map((m) => m.name),
      ["Anna Fasilitator", "Bård Representant", "Cecilie Deltaker"],
    );
    assert.deepEqual(
      listMembers({ actor: facilitator, filter: { agencyId: udi.id } }).map((m) => m.name),
      ["Bård Representant", "Cecilie Deltaker"],
    );
    assert.deepEqual(
      listMembers({ actor: facilitator, filter: { role: "participant" } }).map((m) => m.name),
      ["Cecilie Deltaker"],
    );
    assert.deepEqual(
      listMembers({ actor: facilitator, filter: { query: "BÅRD" } }).map((m) => m.name),
      ["Bård Representant"],
    );
    assert.deepEqual(listMembers({ actor: facilitator, filter: { query: "%" } }), [], "LIKE wildcards are taken literally");
  });

  it("exports the directory as CSV that reads back to the same rows", async () => {
    const network = makeNetwork();
    const agency = makeAgency("Skatteetaten test");
    const facilitator = await makeMember(network, "facilitator", { agencyId: agency.id, name: 'Ærlig Øystein, "Åse"' });
    const participant = await makeMember(network, "participant", { agencyId: agency.id, name: '=HYPERLINK("x")' });
    const csv = membersCsv({ actor: participant, t: translator("nb") });
    assert.ok(csv.startsWith("\uFEFF"), "BOM so spreadsheets read UTF-8");
    const rows = parseCsv(csv);
    assert.deepEqual(rows[0], ["Virksomhet", "Navn", "E-post", "Rolle", "Ansvar"]);
    assert.deepEqual(rows[1], [agency.name, '\'=HYPERLINK("x")', participant.email, "Deltaker", ""], "a formula stays text");
    assert.deepEqual(rows[2], [agency.name, 'Ærlig Øystein, "Åse"', facilitator.email, "Fasilitator", ""]);
    assert.equal(parseCsv(membersCsv({ actor: participant, t: translator("en") }))[0][1], "Name");
  });

  it("lets only facilitators change roles and responsibilities, with an audit entry", async () => {
    const network = makeNetwork();
    const facilitator = await makeMember(network, "facilitator");
    const member = await makeMember(network, "participant");
    const leader = await makeMember(network, "leader");
    assert.throws(
      () => updateMember({ actor: leader, membershipId: member.membershipId, role: "facilitator", responsibility: "" }),
      ForbiddenError,
    );
    updateMember({ actor: facilitator, membershipId: member.membershipId, role: "representative", responsibility: "Adresseflyt" });
    const updated = getMember({ actor: facilitator, membershipId: member.membershipId });
    assert.equal(updated.role, "representative");
    assert.equal(updated.responsibility, "Adresseflyt");
    const entry = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(member.membershipId)))
      .all()
      .at(-1)!;
    assert.equal(entry.action, "member.role_changed");
    assert.equal(entry.actorUserId, facilitator.userId);
    assert.match(entry.summary, /fikk rollen representant \(var deltaker\)/);
  });

  it("keeps at least one facilitator, and a refused change leaves no audit entry", async () => {
    const network = makeNetwork();
    const facilitator = await makeMember(network, "facilitator");
    const before = db.select().from(auditLog).all().length;
    assert.throws(
      () => updateMember({ actor: facilitator, membershipId: facilitator.membershipId, role: "participant", responsibility: "" }),
      DomainValidationError,
    );
    assert.throws(() => removeMember({ actor: facilitator, membershipId: facilitator.membershipId }), DomainValidationError);
    assert.equal(getMember({ actor: facilitator, membershipId: facilitator.membershipId }).role, "facilitator");
    assert.equal(db.select().from(auditLog).all().length, before);
  });

  it("treats another network's member ids as not found", async () => {
    const network = makeNetwork();
    const facilitator = await makeMember(network, "facilitator");
    const other = makeNetwork();
    const stranger = await makeMember(other, "participant");
    assert.throws(() => getMember({ actor: facilitator, membershipId: stranger.membershipId }), NotFoundError);
    assert.throws(
      () => updateMember({ actor: facilitator, membershipId: stranger.membershipId, role: "leader", responsibility: "" }),
      NotFoundError,
    );
    assert.throws(() => removeMember({ actor: facilitator, membershipId: stranger.membershipId }), NotFoundError);
    assert.equal(db.select().from(memberships).where(eq(memberships.id, stranger.membershipId)).get()?.role, "participant");
  });

  it("removing a member ends their sessions when they have no other network", async () => {
    const network = makeNetwork();
    const facilitator = await makeMember(network, "facilitator");
    const member = await makeMember(network, "participant");
    createSession({ userId: member.userId, userAgent: "test", ip: "" });
    removeMember({ actor: facilitator, membershipId: member.membershipId });
    assert.equal(db.select().from(sessions).where(eq(sessions.userId, member.userId)).all().length, 0);
    assert.throws(() => getMember({ actor: facilitator, membershipId: member.membershipId }), NotFoundError);
  });
});

describe("agency administrators and members", () => {
  async function agencyNetwork() {
    const network = makeNetwork();
    const nav = makeAgency();
    const udi = makeAgency();
    const facilitator = await makeMember(network, "facilitator", { agencyId: nav.id, name: "Fredrik Fasilitator" });
    const admin = await makeMember(network, "agency_admin", { agencyId: nav.id, name: "Nina Administrator" });
    const otherAdmin = await makeMember(network, "agency_admin", { agencyId: nav.id, name: "Ola Administrator" });
    const navMember = await makeMember(network, "participant", { agencyId: nav.id, name: "Nora NAV" });
    const udiMember = await makeMember(network, "representative", { agencyId: udi.id, name: "Ulf UDI" });
    const noAgency = await makeMember(network, "participant", { name: "Uten Virksomhet" });
    return { network, nav, udi, facilitator, admin, otherAdmin, navMember, udiMember, noAgency };
  }
  const roleOf = (membershipId: number) => db.select().from(memberships).where(eq(memberships.id, membershipId)).get();

  it("changes and removes a member of their own agency among the three roles, audited", async () => {
    const { admin, navMember } = await agencyNetwork();
    updateMember({ actor: admin, membershipId: navMember.membershipId, role: "leader", responsibility: "Arbeid og inkludering" });
    assert.equal(roleOf(navMember.membershipId)?.role, "leader");
    assert.equal(roleOf(navMember.membershipId)?.responsibility, "Arbeid og inkludering");
    const entry = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(navMember.membershipId)))
      .all()
      .at(-1);
    assert.equal(entry?.actorUserId, admin.userId);
    assert.equal(entry?.summary, "Nora NAV fikk rollen leder (var deltaker) og ansvaret «Arbeid og inkludering»");
    removeMember({ actor: admin, membershipId: navMember.membershipId });
    assert.equal(roleOf(navMember.membershipId), undefined);
  });

  it("refuses what a posted form could ask beyond their agency and the three roles, changing nothing", async () => {
    const { admin, otherAdmin, facilitator, navMember, udiMember, noAgency } = await agencyNetwork();
    const auditBefore = db.select().from(auditLog).all().length;
    for (const target of [udiMember, facilitator, otherAdmin, noAgency]) {
      assert.throws(
        () => updateMember({ actor: admin, membershipId: target.membershipId, role: "participant", responsibility: "x" }),
        ForbiddenError,
        `changing ${target.name}`,
      );
      assert.throws(() => removeMember({ actor: admin, membershipId: target.membershipId }), ForbiddenError, `removing ${target.name}`);
      assert.equal(roleOf(target.membershipId)?.role, target.role);
    }
    for (const role of ["facilitator", "agency_admin"] as const) {
      assert.throws(
        () => updateMember({ actor: admin, membershipId: navMember.membershipId, role, responsibility: "" }),
        (e: unknown) => e instanceof DomainValidationError && e.field === "role" && e.messageKey === "agencyAdmin.roleNotAllowed",
      );
    }
    // Their own membership is an agency administrator's: not theirs to change (nor to step down from).
    assert.throws(
      () => updateMember({ actor: admin, membershipId: admin.membershipId, role: "participant", responsibility: "" }),
      ForbiddenError,
    );
    assert.equal(roleOf(navMember.membershipId)?.role, "participant");
    assert.equal(db.select().from(auditLog).all().length, auditBefore, "nothing refused is audited");
  });

  it("treats another network's member as not found for an agency administrator too", async () => {
    const { admin, nav } = await agencyNetwork();
    const elsewhere = await makeMember(makeNetwork(), "participant", { agencyId: nav.id });
    assert.throws(
      () => updateMember({ actor: admin, membershipId: elsewhere.membershipId, role: "leader", responsibility: "" }),
      NotFoundError,
    );
    assert.throws(() => removeMember({ actor: admin, membershipId: elsewhere.membershipId }), NotFoundError);
  });

  it("an agency administrator without an agency manages no one", async () => {
    const { network, navMember, noAgency } = await agencyNetwork();
    const stray = await makeMember(network, "agency_admin", { name: "Uten Etat Admin" });
    for (const target of [navMember, noAgency]) {
      assert.throws(() => removeMember({ actor: stray, membershipId: target.membershipId }), ForbiddenError);
    }
  });

  it("only a facilitator appoints agency administrators, and only people with an agency", async () => {
    const { facilitator, navMember, udiMember, noAgency, otherAdmin } = await agencyNetwork();
    updateMember({ actor: facilitator, membershipId: udiMember.membershipId, role: "agency_admin", responsibility: "" });
    assert.equal(roleOf(udiMember.membershipId)?.role, "agency_admin");
    assert.throws(
      () => updateMember({ actor: facilitator, membershipId: noAgency.membershipId, role: "agency_admin", responsibility: "" }),
      (e: unknown) => e instanceof DomainValidationError && e.messageKey === "agencyAdmin.needsAgency",
    );
    removeMember({ actor: facilitator, membershipId: otherAdmin.membershipId });
    assert.equal(roleOf(otherAdmin.membershipId), undefined);
    assert.throws(
      () => updateMember({ actor: navMember, membershipId: navMember.membershipId, role: "agency_admin", responsibility: "" }),
      ForbiddenError,
    );
  });

  it("marks in the directory exactly the rows the actor may change", async () => {
    const { facilitator, admin, navMember, udiMember } = await agencyNetwork();
    const manageable = (actor: typeof admin) =>
      listMembers({ actor })
        .filter((m) => m.manageable)
        .map((m) => m.name);
    assert.deepEqual(manageable(admin), ["Nora NAV"]);
    assert.equal(manageable(facilitator).length, 6);
    assert.deepEqual(manageable(navMember), []);
    assert.deepEqual(manageable(udiMember), []);
    assert.deepEqual(
      listAgencyAdmins({ actor: navMember }).map((a) => a.name),
      ["Nina Administrator", "Ola Administrator"],
    );
  });

  it("opens a member's page to a manager in scope and to the member, and to no one else", async () => {
    const { facilitator, admin, navMember, udiMember } = await agencyNetwork();
    assert.equal(getMemberPage({ actor: admin, membershipId: navMember.membershipId }).mode, "manage");
    assert.deepEqual(getMemberPage({ actor: admin, membershipId: navMember.membershipId }).roles, [
      "representative",
      "leader",
      "participant",
    ]);
    assert.equal(getMemberPage({ actor: facilitator, membershipId: udiMember.membershipId }).roles, null);
    assert.equal(getMemberPage({ actor: admin, membershipId: admin.membershipId }).mode, "own");
    assert.equal(getMemberPage({ actor: udiMember, membershipId: udiMember.membershipId }).mode, "own");
    assert.throws(() => getMemberPage({ actor: udiMember, membershipId: navMember.membershipId }), ForbiddenError);
    assert.throws(() => getMemberPage({ actor: admin, membershipId: udiMember.membershipId }), ForbiddenError);
    assert.deepEqual(
      getMemberPage({ actor: navMember, membershipId: navMember.membershipId }).agencyAdmins.map((a) => a.name),
      ["Nina Administrator", "Ola Administrator"],
      "the page names who administers the member's agency",
    );
    assert.deepEqual(getMemberPage({ actor: udiMember, membershipId: udiMember.membershipId }).agencyAdmins, []);
  });
});

describe("a member's own responsibility", () => {
  it("every member writes their own, audited; another member's is refused and unchanged", async () => {
    const network = makeNetwork();
    const agency = makeAgency();
    const participant = await makeMember(network, "participant", { agencyId: agency.id, name: "Dina Deltaker" });
    const colleague = await makeMember(network, "representative", { agencyId: agency.id, name: "Kollega" });
    updateOwnResponsibility({ actor: participant, membershipId: participant.membershipId, responsibility: "Folkeregisteret" });
    const row = db.select().from(memberships).where(eq(memberships.id, participant.membershipId)).get();
    assert.equal(row?.responsibility, "Folkeregisteret");
    assert.equal(row?.role, "participant");
    const entry = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(participant.membershipId)))
      .all()
      .at(-1);
    assert.equal(entry?.summary, "Dina Deltaker oppga sitt ansvar: «Folkeregisteret»");

    assert.throws(
      () => updateOwnResponsibility({ actor: participant, membershipId: colleague.membershipId, responsibility: "Hijacked" }),
      ForbiddenError,
    );
    assert.equal(db.select().from(memberships).where(eq(memberships.id, colleague.membershipId)).get()?.responsibility, "");
    const elsewhere = await makeMember(makeNetwork(), "participant");
    assert.throws(
      () => updateOwnResponsibility({ actor: participant, membershipId: elsewhere.membershipId, responsibility: "x" }),
      NotFoundError,
    );
    // The same text again changes nothing and writes nothing.
    const count = db.select().from(auditLog).all().length;
    updateOwnResponsibility({ actor: participant, membershipId: participant.membershipId, responsibility: "Folkeregisteret" });
    assert.equal(db.select().from(auditLog).all().length, count);
  });
});
