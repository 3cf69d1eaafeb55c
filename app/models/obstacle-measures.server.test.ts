import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makeMember, makeNetwork } from "../../tests/helpers/factories";
import { makeMeasureFromObstacle, measuresOfObstacles, obstacleSource } from "./measures.server";

const input = {
  title: "Adresse: fritekst",
  description: "",
  needId: null,
  responsibleAgencyId: null,
  agencyIds: [],
  nextStep: "",
  status: "on_track" as const,
  priority: "necessary" as const,
  startDate: null,
  endDate: null,
};

describe("measures made of obstacles", () => {
  it("makes one measure per obstacle, however often it is asked, and only in its own network", async () => {
    const net = makeNetwork();
    const rep = await makeMember(net, "representative");
    const source = obstacleSource(net.slug, 7, "address");
    const first = makeMeasureFromObstacle({ actor: rep, source, input });
    const second = makeMeasureFromObstacle({ actor: rep, source, input: { ...input, title: "Et annet navn" } });
    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal(second.measure.id, first.measure.id);
    assert.equal(second.measure.title, "Adresse: fritekst");
    const found = measuresOfObstacles({ actor: rep });
    assert.deepEqual([...found.keys()], [source]);
    assert.equal(found.get(source)!.phase, "identified");

    const other = makeNetwork();
    const stranger = await makeMember(other, "facilitator");
    assert.equal(measuresOfObstacles({ actor: stranger }).size, 0, "another network sees none");
    assert.equal(makeMeasureFromObstacle({ actor: stranger, source: obstacleSource(other.slug, 7, "address"), input }).created, true);
  });
});
