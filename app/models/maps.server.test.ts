import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makeMember, makeNetwork } from "../../tests/helpers/factories";
import { DEFAULT_STAGES, type MapJson } from "~/utils/map-model";
import { ForbiddenError, NotFoundError } from "./errors.server";
import { createMap, exportMapJson, importMap } from "./maps.server";

const sample: MapJson = {
  format: "samhandlingsportalen.map",
  version: 1,
  title: "Kilde",
  stages: [{ id: "s1", name: "Ankomst" }, { id: "s2", name: "Arbeid" }],
  nodes: {
    a: { kind: "service", label: "Registrering", x: 170, y: 416, agency: "Politiet", obstacle: null },
    b: { kind: "data", label: "Folkeregisteret", x: 510, y: 586, obstacle: { level: "technical", description: "Adresse mangler", status: "open" } },
  },
  edges: { e: { source: "a", target: "b", kind: "dataflow", label: "identitet", obstacle: null } },
};

describe("maps", () => {
  it("a new map starts with the method's three stages and nothing else", async () => {
    const net = makeNetwork();
    const facilitator = await makeMember(net, "facilitator");
    const map = createMap({ actor: facilitator, title: "Nytt kart" });
    const json = exportMapJson({ actor: facilitator, mapId: map.id });
    assert.deepEqual(json.stages, DEFAULT_STAGES);
    assert.deepEqual(json.nodes, {});
    assert.deepEqual(json.edges, {});
  });

  it("an imported map exports equal to the file, apart from its title", async () => {
    const net = makeNetwork();
    const rep = await makeMember(net, "representative");
    const map = importMap({ actor: rep, json: sample, title: "Importert" });
    assert.deepEqual(exportMapJson({ actor: rep, mapId: map.id }), { ...sample, title: "Importert" });
  });

  it("readers cannot create maps, and another network's map is not found", async () => {
    const net = makeNetwork();
    const other = makeNetwork();
    const leader = await makeMember(net, "leader");
    const stranger = await makeMember(other, "facilitator");
    assert.throws(() => createMap({ actor: leader, title: "Nei" }), ForbiddenError);
    const facilitator = await makeMember(net, "facilitator");
    const map = createMap({ actor: facilitator, title: "Vårt" });
    assert.throws(() => exportMapJson({ actor: stranger, mapId: map.id }), NotFoundError);
  });
});
