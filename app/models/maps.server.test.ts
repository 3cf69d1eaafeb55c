import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makeMember, makeNetwork } from "../../tests/helpers/factories";
import { DEFAULT_STAGES, type MapJson } from "~/utils/map-model";
import * as Y from "yjs";
import { appendUpdate } from "../../db/doc-store";
import { encodeUpdate } from "../../tests/helpers/hostile-updates";
import { DamagedMapError, DomainValidationError, ForbiddenError, NotFoundError } from "./errors.server";
import { mapDocName } from "~/utils/map-doc-name";
import {
  createMap,
  exportMapJson,
  getMap,
  importMap,
  listMapVersions,
  listObstacles,
  restoreDamagedMap,
  saveMapVersion,
} from "./maps.server";

const sample: MapJson = {
  format: "samhandlingsportalen.map",
  version: 1,
  title: "Kilde",
  stages: [
    { id: "s1", name: "Ankomst" },
    { id: "s2", name: "Arbeid" },
  ],
  nodes: {
    a: { kind: "service", label: "Registrering", x: 170, y: 416, agency: "Politiet", obstacle: null },
    b: {
      kind: "data",
      label: "Folkeregisteret",
      x: 510,
      y: 586,
      obstacle: { level: "technical", description: "Adresse mangler", status: "open" },
    },
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

  it("a map whose stored state cannot be loaded again is damaged alone, and is restored from a named version", async () => {
    const net = makeNetwork();
    const facilitator = await makeMember(net, "facilitator");
    const rep = await makeMember(net, "representative");
    const healthy = importMap({ actor: rep, json: sample, title: "Frisk" });
    const map = importMap({ actor: rep, json: sample, title: "Skadet" });
    saveMapVersion({ actor: rep, mapId: map.id, name: "Som avtalt", meetingId: null });
    // What the old realtime server could store: a change Yjs takes, but that cannot be loaded again.
    appendUpdate(mapDocName(map.id), encodeUpdate(990_400, 0, [{ content: { gc: 0 } }]));
    // A value no map holds, stored straight into the log of a third map.
    const odd = importMap({ actor: rep, json: sample, title: "Rar" });
    const writer = new Y.Doc();
    writer.on("update", (u: Uint8Array) => appendUpdate(mapDocName(odd.id), u));
    writer.getMap("nodes").set("tall", 42);

    assert.equal(getMap({ actor: rep, mapId: map.id }).damaged, true);
    assert.equal(getMap({ actor: rep, mapId: odd.id }).damaged, true);
    assert.equal(getMap({ actor: rep, mapId: healthy.id }).damaged, false);
    assert.throws(() => exportMapJson({ actor: rep, mapId: map.id }), DamagedMapError);
    assert.throws(() => saveMapVersion({ actor: rep, mapId: map.id, name: "Nå", meetingId: null }), DomainValidationError);
    const { obstacles, damagedMaps } = listObstacles({ actor: rep });
    assert.deepEqual(damagedMaps.map((m) => m.title).sort(), ["Rar", "Skadet"]);
    assert.ok(
      obstacles.some((o) => o.mapId === healthy.id),
      "the healthy map's obstacles are listed",
    );

    const [version] = listMapVersions({ actor: rep, mapId: map.id });
    assert.throws(() => restoreDamagedMap({ actor: rep, mapId: map.id, from: { versionId: version.id } }), ForbiddenError);
    restoreDamagedMap({ actor: facilitator, mapId: map.id, from: { versionId: version.id } });
    assert.equal(getMap({ actor: rep, mapId: map.id }).damaged, false);
    assert.deepEqual(exportMapJson({ actor: rep, mapId: map.id }), { ...sample, title: "Skadet" });
    assert.throws(
      () => restoreDamagedMap({ actor: facilitator, mapId: map.id, from: "latest" }),
      DomainValidationError,
      "a sound map is not restored this way",
    );

    restoreDamagedMap({ actor: facilitator, mapId: odd.id, from: "latest" });
    assert.deepEqual(exportMapJson({ actor: rep, mapId: odd.id }), { ...sample, title: "Rar" }, "the value no map holds is left out");
  });
});
