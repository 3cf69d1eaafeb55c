import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { actingOrganisations, nameOf, verifiedEmailOf } from "./provider-claims";

describe("what a provider says about a person", () => {
  it("finds the organisation an Ansattporten user acts for, in both RAR types", () => {
    const service = [{ type: "ansattporten:altinn:service", reportees: [{ ID: "0192:889640782", Name: "NAV", Rights: ["Read"] }] }];
    const resource = [{ type: "ansattporten:altinn:resource", authorized_parties: [{ orgno: { ID: "0192:974760746" }, name: "UDI" }] }];
    assert.deepEqual(actingOrganisations(service), ["889640782"]);
    assert.deepEqual(actingOrganisations(undefined, resource), ["974760746"]);
    assert.deepEqual(actingOrganisations(service, service), ["889640782"], "the same in the id token and the token response counts once");
  });

  it("finds nothing in an empty list of reportees or in hostile shapes", () => {
    assert.deepEqual(actingOrganisations([{ type: "ansattporten:altinn:service", reportees: [] }]), []);
    for (const hostile of [
      "0192:889640782",
      { reportees: [{ ID: "0192:889640782" }] },
      [{ type: "other:type", reportees: [{ ID: "0192:889640782" }] }],
      [
        {
          type: "ansattporten:altinn:service",
          reportees: [{ ID: "0192:88964078" }, { ID: "0192:8896407820" }, { ID: 889640782 }, { ID: "9908:889640782" }],
        },
      ],
      [{ type: "ansattporten:altinn:service", reportees: "0192:889640782" }],
      [null, 1, "x"],
    ]) {
      assert.deepEqual(actingOrganisations(hostile), [], JSON.stringify(hostile));
    }
  });

  it("takes the name and a verified email only when they fit", () => {
    assert.equal(nameOf({ name: "  Nora Navesen " }), "Nora Navesen");
    assert.equal(nameOf({ given_name: "Nora", family_name: "Navesen" }), "Nora Navesen");
    assert.equal(nameOf({ pid: "12345678901" }), null);
    assert.equal(nameOf({ name: 42 }), null);
    assert.equal(verifiedEmailOf({ email: "Ola.Entra@NAV.example" }), "ola.entra@nav.example");
    assert.equal(verifiedEmailOf({ email: "ola@nav.example", email_verified: false }), null);
    assert.equal(verifiedEmailOf({ email: "not an email" }), null);
  });
});
