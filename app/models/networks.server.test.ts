import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makeMember, makeNetwork, makeUser } from "../../tests/helpers/factories";
import { ForbiddenError } from "./errors.server";
import { listAllNetworks } from "./networks.server";

describe("networks for the site admin", () => {
  it("counts every network's members (an empty network has none)", async () => {
    const big = makeNetwork();
    const small = makeNetwork();
    const empty = makeNetwork();
    for (let i = 0; i < 5; i++) await makeMember(big, i === 0 ? "facilitator" : "participant");
    await makeMember(small, "facilitator");
    await makeMember(small, "leader");
    const admin = await makeUser({ isAdmin: true });
    const actor = { userId: admin.id, name: admin.name, email: admin.email, isAdmin: true, agencyId: null, ip: "127.0.0.1" };
    const counts = new Map(listAllNetworks({ actor }).map((n) => [n.id, n.members]));
    assert.deepEqual([counts.get(big.id), counts.get(small.id), counts.get(empty.id)], [5, 2, 0]);
    const member = await makeUser();
    assert.throws(
      () =>
        listAllNetworks({
          actor: { userId: member.id, name: member.name, email: member.email, isAdmin: false, agencyId: null, ip: "127.0.0.1" },
        }),
      ForbiddenError,
    );
  });
});
