import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makeMember, makeNetwork } from "../../tests/helpers/factories";
import { translator } from "~/i18n";
import type { MapJson } from "~/utils/map-model";
import { NotFoundError } from "./errors.server";
import { importMap } from "./maps.server";
import { getMeasure } from "./measures.server";
import { listObstacles, makeMeasureFromObstacle, measuresOfObstacles, obstacleSource } from "./obstacle-measures.server";

const map: MapJson = {
  format: "samhandlingsportalen.map",
  version: 1,
  title: "Bosetting",
  stages: [{ id: "s1", name: "Ankomst" }],
  nodes: {
    address: { kind: "data", label: "Adresse", x: 10, y: 10, obstacle: { level: "semantic", description: "fritekst", status: "open" } },
    plain: { kind: "step", label: "Registrering", x: 200, y: 10, obstacle: null },
    quiet: { kind: "service", label: "Bank", x: 400, y: 10, obstacle: { level: "legal", description: "", status: "open" } },
  },
  edges: {},
};
const nb = translator("nb");
const en = translator("en");

describe("measures made of obstacles", () => {
  it("makes one measure per obstacle, however often it is asked, and only in its own network", async () => {
    const net = makeNetwork();
    const rep = await makeMember(net, "representative");
    const { id: mapId } = importMap({ actor: rep, content: JSON.stringify(map) });
    const first = makeMeasureFromObstacle({ actor: rep, t: nb, mapId, elementId: "address" });
    const second = makeMeasureFromObstacle({ actor: rep, t: en, mapId, elementId: "address" });
    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal(second.measure.id, first.measure.id);
    assert.equal(second.measure.title, "Adresse: fritekst");
    const source = obstacleSource(net.slug, mapId, "address");
    const found = measuresOfObstacles({ actor: rep });
    assert.deepEqual([...found.keys()], [source]);
    assert.equal(found.get(source)!.phase, "identified");
    assert.equal(listObstacles({ actor: rep }).obstacles.find((o) => o.elementId === "address")!.measure!.id, first.measure.id);

    const other = makeNetwork();
    const stranger = await makeMember(other, "facilitator");
    assert.equal(measuresOfObstacles({ actor: stranger }).size, 0, "another network sees none");
    assert.throws(() => makeMeasureFromObstacle({ actor: stranger, t: nb, mapId, elementId: "address" }), NotFoundError);
    const { id: theirs } = importMap({ actor: stranger, content: JSON.stringify(map) });
    assert.equal(makeMeasureFromObstacle({ actor: stranger, t: nb, mapId: theirs, elementId: "address" }).created, true);
  });

  it("reads the obstacle from the map and writes the measure in the maker's language", async () => {
    const net = makeNetwork();
    const rep = await makeMember(net, "representative");
    const { id: mapId } = importMap({ actor: rep, content: JSON.stringify(map) });
    const made = makeMeasureFromObstacle({ actor: rep, t: en, mapId, elementId: "quiet" });
    const { measure } = getMeasure({ actor: rep, measureId: made.measure.id });
    assert.equal(measure.title, `Bank: ${en("maps.level.legal")}`, "an obstacle without a description is named by its level");
    assert.ok(measure.description.startsWith(en("maps.fromObstacle", { title: "Bosetting" })), measure.description);
    assert.equal(measure.sourcePath, obstacleSource(net.slug, mapId, "quiet"));
    assert.throws(() => makeMeasureFromObstacle({ actor: rep, t: nb, mapId, elementId: "plain" }), NotFoundError, "no obstacle there");
    assert.throws(() => makeMeasureFromObstacle({ actor: rep, t: nb, mapId, elementId: "nowhere" }), NotFoundError);
  });
});
