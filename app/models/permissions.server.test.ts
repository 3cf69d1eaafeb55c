import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ROLES as SCHEMA_ROLES } from "../../db/schema";
import { ROLES } from "~/utils/roles";
import { ForbiddenError } from "./errors.server";
import { assertCan, can, PERMISSIONS, permissionsOf, type Actor, type Permission } from "./permissions.server";

// The matrix as the product describes it, written out independently of the code's table.
const EXPECTED: Record<Permission, Record<(typeof ROLES)[number], boolean>> = {
  "network.view": { facilitator: true, agency_admin: true, representative: true, leader: true, participant: true },
  "members.view": { facilitator: true, agency_admin: true, representative: true, leader: true, participant: true },
  "members.export": { facilitator: true, agency_admin: true, representative: true, leader: true, participant: true },
  "members.manage": { facilitator: true, agency_admin: false, representative: false, leader: false, participant: false },
  "members.manageOwnAgency": { facilitator: false, agency_admin: true, representative: false, leader: false, participant: false },
  "members.editOwnResponsibility": { facilitator: true, agency_admin: true, representative: true, leader: true, participant: true },
  "invitations.manageOwnAgency": { facilitator: false, agency_admin: true, representative: false, leader: false, participant: false },
  "invitations.manage": { facilitator: true, agency_admin: false, representative: false, leader: false, participant: false },
  "outbox.view": { facilitator: true, agency_admin: false, representative: false, leader: false, participant: false },
  "audit.view": { facilitator: true, agency_admin: false, representative: false, leader: false, participant: false },
  "meetings.view": { facilitator: true, agency_admin: true, representative: true, leader: true, participant: true },
  "meetings.manage": { facilitator: true, agency_admin: false, representative: false, leader: false, participant: false },
  "agenda.propose": { facilitator: true, agency_admin: true, representative: true, leader: false, participant: false },
  "minutes.viewDraft": { facilitator: true, agency_admin: false, representative: false, leader: false, participant: false },
  "actions.tickOwn": { facilitator: true, agency_admin: true, representative: true, leader: true, participant: true },
  "measures.view": { facilitator: true, agency_admin: true, representative: true, leader: true, participant: true },
  "measures.manage": { facilitator: true, agency_admin: false, representative: false, leader: false, participant: false },
  "measures.propose": { facilitator: true, agency_admin: true, representative: true, leader: false, participant: false },
  "measures.updateOwn": { facilitator: true, agency_admin: true, representative: true, leader: false, participant: false },
  "maps.view": { facilitator: true, agency_admin: true, representative: true, leader: true, participant: true },
  "maps.edit": { facilitator: true, agency_admin: true, representative: true, leader: false, participant: false },
  "maps.repair": { facilitator: true, agency_admin: false, representative: false, leader: false, participant: false },
  "evaluations.view": { facilitator: true, agency_admin: true, representative: true, leader: true, participant: true },
  "evaluations.manage": { facilitator: true, agency_admin: false, representative: false, leader: false, participant: false },
  "figures.view": { facilitator: true, agency_admin: true, representative: true, leader: true, participant: true },
  "figures.manageMetrics": { facilitator: true, agency_admin: false, representative: false, leader: false, participant: false },
  "figures.lock": { facilitator: true, agency_admin: false, representative: false, leader: false, participant: false },
  "figures.viewAllDrafts": { facilitator: true, agency_admin: false, representative: false, leader: false, participant: false },
  "figures.report": { facilitator: true, agency_admin: true, representative: true, leader: false, participant: false },
  "members.resetSecondStep": { facilitator: true, agency_admin: false, representative: false, leader: false, participant: false },
  "network.settings": { facilitator: true, agency_admin: false, representative: false, leader: false, participant: false },
};

function actor(role: (typeof ROLES)[number]): Actor {
  return {
    userId: 1,
    name: "Test",
    email: "t@e.example",
    agencyId: null,
    isAdmin: false,
    networkId: 1,
    networkSlug: "n",
    networkName: "N",
    membershipId: 1,
    role,
    ip: "",
  };
}

describe("permission matrix", () => {
  it("has exactly the permissions the product defines", () => {
    assert.deepEqual(Object.keys(PERMISSIONS).sort(), Object.keys(EXPECTED).sort());
  });

  for (const [permission, byRole] of Object.entries(EXPECTED) as [Permission, Record<string, boolean>][]) {
    for (const role of ROLES) {
      it(`${role} ${byRole[role] ? "may" : "may not"} ${permission}`, () => {
        assert.equal(can(role, permission), byRole[role]);
        if (byRole[role]) assert.doesNotThrow(() => assertCan(actor(role), permission));
        else assert.throws(() => assertCan(actor(role), permission), ForbiddenError);
      });
    }
  }

  it("permissionsOf lists every permission for the UI", () => {
    assert.deepEqual(permissionsOf("participant"), Object.fromEntries(Object.entries(EXPECTED).map(([p, r]) => [p, r.participant])));
  });

  it("the database and the UI agree on the roles", () => {
    assert.deepEqual([...SCHEMA_ROLES], [...ROLES]);
  });
});
