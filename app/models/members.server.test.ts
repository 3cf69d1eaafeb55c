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
import { getMember, listMembers, membersCsv, removeMember, updateMember } from "./members.server";
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
