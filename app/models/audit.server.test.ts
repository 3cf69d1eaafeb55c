import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { db } from "../../db/client";
import { auditLog } from "../../db/schema";
import { makeAgency, makeMember, makeNetwork } from "../../tests/helpers/factories";
import { translator } from "~/i18n";
import { auditFilterChoices, auditSummary, listAudit, recentAudit, recordAudit } from "./audit.server";
import { createMeasure, moveMeasure } from "./measures.server";
import { ForbiddenError } from "./errors.server";
import { updateMember } from "./members.server";
import { verifyLogin } from "./users.server";
import { TEST_PASSWORD } from "../../tests/helpers/factories";

describe("audit log", () => {
  it("is written in the same transaction as the change: a rolled-back change leaves no entry", async () => {
    const network = makeNetwork();
    const facilitator = await makeMember(network, "facilitator");
    const before = db.select().from(auditLog).all().length;
    assert.throws(() =>
      db.transaction((tx) => {
        recordAudit(tx, {
          actor: facilitator,
          networkId: network.id,
          action: "test.change",
          entityType: "test",
          message: { key: "audit.msg.decisionAdded", params: { text: "should vanish" } },
        });
        throw new Error("the change fails after its audit entry was written");
      }),
    );
    assert.equal(db.select().from(auditLog).all().length, before);
  });

  it("filters by person, agency, kind, date and text, within the network only", async () => {
    const network = makeNetwork();
    const nav = makeAgency("NAV audit");
    const udi = makeAgency("UDI audit");
    const facilitator = await makeMember(network, "facilitator", { agencyId: nav.id, name: "Fia Fasilitator" });
    const rep = await makeMember(network, "representative", { agencyId: udi.id, name: "Rolf Rep" });
    const other = makeNetwork();
    const outsider = await makeMember(other, "facilitator");

    updateMember({ actor: facilitator, membershipId: rep.membershipId, role: "representative", responsibility: "Mottak og adresser" });
    recordAudit(db, {
      actor: rep,
      networkId: network.id,
      action: "test.note",
      entityType: "test",
      message: { key: "audit.msg.decisionAdded", params: { text: "Rolf noterte noe om D-nummer" } },
    });
    recordAudit(db, {
      actor: outsider,
      networkId: other.id,
      action: "test.note",
      entityType: "test",
      message: { key: "audit.msg.decisionAdded", params: { text: "Annet nettverk: D-nummer" } },
    });

    const all = listAudit({ actor: facilitator, filter: {} });
    assert.equal(all.total, 2);
    assert.ok(all.rows.every((r) => !r.summary.includes("Annet nettverk")));
    assert.deepEqual(
      listAudit({ actor: facilitator, filter: { userId: rep.userId } }).rows.map((r) => r.action),
      ["test.note"],
    );
    assert.deepEqual(
      listAudit({ actor: facilitator, filter: { agencyId: nav.id } }).rows.map((r) => r.action),
      ["member.updated"],
    );
    assert.deepEqual(
      listAudit({ actor: facilitator, filter: { action: "member.updated" } }).rows.map((r) => r.actorName),
      ["Fia Fasilitator"],
    );
    assert.equal(listAudit({ actor: facilitator, filter: { query: "d-nummer" } }).total, 1);
    assert.equal(listAudit({ actor: facilitator, filter: { query: "_" } }).total, 0, "LIKE wildcards are literal");
    const future = new Date(Date.now() + 60_000);
    assert.equal(listAudit({ actor: facilitator, filter: { from: future } }).total, 0);
    assert.equal(listAudit({ actor: facilitator, filter: { to: future } }).total, 2);
    const choices = auditFilterChoices({ actor: facilitator });
    assert.deepEqual(choices.actions, ["member.updated", "test.note"]);
    assert.deepEqual(choices.people.map((p) => p.name).sort(), ["Fia Fasilitator", "Rolf Rep"]);
  });

  it("finds what a person would type, in bokmål or English, and shows each entry in the reader's language", async () => {
    const network = makeNetwork();
    const facilitator = await makeMember(network, "facilitator");
    const measure = createMeasure({
      actor: facilitator,
      input: {
        title: "Felles veiledning om eID",
        description: "",
        needId: null,
        responsibleAgencyId: null,
        agencyIds: [],
        nextStep: "",
        status: "on_track",
        priority: "necessary",
        startDate: null,
        endDate: null,
      },
    });
    moveMeasure({
      actor: facilitator,
      measureId: measure.id,
      phase: "execution",
      version: measure.version,
      note: "Pilot i gang",
      meetingId: null,
    });
    const found = (query: string) => listAudit({ actor: facilitator, filter: { query } }).rows.map((r) => r.action);
    assert.deepEqual(found("flyttet"), ["measure.moved"]);
    assert.deepEqual(found("moved"), ["measure.moved"]);
    assert.deepEqual(found("gjennomforing veiledning"), ["measure.moved"], "without ø, and every word");
    assert.deepEqual(found("Gjennomføring"), ["measure.moved"]);
    assert.deepEqual(found("flyttet opprettet"), [], "all words must be there");
    const [moved] = listAudit({ actor: facilitator, filter: { action: "measure.moved" } }).rows;
    assert.equal(
      auditSummary(translator("nb"), moved!),
      "Tiltaket «Felles veiledning om eID» ble flyttet fra Identifisert, kartlegging til Gjennomføring («Pilot i gang»)",
    );
    assert.equal(
      auditSummary(translator("en"), moved!),
      "The measure “Felles veiledning om eID” was moved from Identified, mapping to Execution («Pilot i gang»)",
    );
    // An entry from before messages were stored keeps its bokmål words, and is found by them.
    db.insert(auditLog)
      .values({
        networkId: network.id,
        action: "old.entry",
        entityType: "test",
        summary: "Gammel oppføring om adresser",
        searchText: "gammel oppforing om adresser",
      })
      .run();
    const old = listAudit({ actor: facilitator, filter: { query: "oppføring" } }).rows;
    assert.equal(auditSummary(translator("en"), old[0]!), "Gammel oppføring om adresser");
  });

  it("shows sign-ins of the network's members, but not of others", async () => {
    const network = makeNetwork();
    const facilitator = await makeMember(network, "facilitator");
    const member = await makeMember(network, "participant");
    const outsider = await makeMember(makeNetwork(), "participant");
    await verifyLogin({ email: member.email, password: TEST_PASSWORD, ip: "10.7.0.1" });
    await verifyLogin({ email: member.email, password: "wrong password!", ip: "10.7.0.1" });
    await verifyLogin({ email: outsider.email, password: TEST_PASSWORD, ip: "10.7.0.2" });
    const actions = listAudit({ actor: facilitator, filter: {} })
      .rows.map((r) => r.action)
      .sort();
    assert.deepEqual(actions, ["login.failed", "login.succeeded"]);
  });

  it("lists on the home page only what changed in the network: no sign-ins, no refusals", async () => {
    const network = makeNetwork();
    const facilitator = await makeMember(network, "facilitator");
    const member = await makeMember(network, "participant");
    await verifyLogin({ email: member.email, password: TEST_PASSWORD, ip: "10.7.0.3" });
    recordAudit(db, {
      actor: member,
      networkId: network.id,
      action: "access.denied",
      entityType: "route",
      message: { key: "audit.msg.deniedMember", params: { name: member.name, role: "@role.participant", path: "/n/x/audit" } },
    });
    recordAudit(db, {
      actor: facilitator,
      networkId: network.id,
      action: "test.change",
      entityType: "test",
      message: { key: "audit.msg.decisionAdded", params: { text: "Endret noe" } },
    });
    assert.deepEqual(
      recentAudit({ actor: facilitator, limit: 6 }).map((r) => r.action),
      ["test.change"],
    );
    assert.equal(listAudit({ actor: facilitator, filter: {} }).total, 3, "the full log still has all three");
  });

  it("is for facilitators only", async () => {
    const network = makeNetwork();
    for (const role of ["representative", "leader", "participant"] as const) {
      const actor = await makeMember(network, role);
      assert.throws(() => listAudit({ actor, filter: {} }), ForbiddenError);
    }
  });
});
