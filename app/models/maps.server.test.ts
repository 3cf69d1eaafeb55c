import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makeMember, makeNetwork } from "../../tests/helpers/factories";
import { DEFAULT_STAGES, type MapJson } from "~/utils/map-model";
import * as Y from "yjs";
import { and, asc, eq } from "drizzle-orm";
import { db } from "../../db/client";
import { appendUpdate } from "../../db/doc-store";
import { auditLog } from "../../db/schema";
import { translator } from "~/i18n";
import { auditSummary } from "./audit.server";
import { encodeUpdate } from "../../tests/helpers/hostile-updates";
import { DamagedMapError, DomainValidationError, ForbiddenError, NotFoundError } from "./errors.server";
import { mapDocName } from "~/utils/map-doc-name";
import {
  createMap,
  exportMapJson,
  getMap,
  importMap,
  listMaps,
  listMapVersions,
  obstaclesOfNetwork,
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
    const map = importMap({ actor: rep, content: JSON.stringify(sample), title: "Importert" });
    assert.deepEqual(exportMapJson({ actor: rep, mapId: map.id }), { ...sample, title: "Importert" });
  });

  it("an import that is no map is refused on the file's field, and makes no map", async () => {
    const net = makeNetwork();
    const rep = await makeMember(net, "representative");
    const refusedWith = (content: string, messageKey: string) =>
      assert.throws(
        () => importMap({ actor: rep, content }),
        (e) => e instanceof DomainValidationError && e.field === "file" && e.messageKey === messageKey,
        content.slice(0, 60),
      );
    refusedWith("{ not json", "maps.importInvalid");
    refusedWith(JSON.stringify({ ...sample, format: "annet" }), "maps.importInvalid");
    refusedWith(JSON.stringify({ ...sample, title: "" }), "maps.importInvalid");
    refusedWith(JSON.stringify({ ...sample, edges: { e: { ...sample.edges.e, target: "borte" } } }), "maps.importBrokenEdge");
    assert.equal(listMaps({ actor: rep }).length, 0);
    assert.equal(importMap({ actor: rep, content: JSON.stringify(sample) }).title, "Kilde", "the file's own title");
    const leader = await makeMember(net, "leader");
    assert.throws(() => importMap({ actor: leader, content: JSON.stringify(sample) }), ForbiddenError);
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
    const healthy = importMap({ actor: rep, content: JSON.stringify(sample), title: "Frisk" });
    const map = importMap({ actor: rep, content: JSON.stringify(sample), title: "Skadet" });
    saveMapVersion({ actor: rep, mapId: map.id, name: "Som avtalt", meetingId: null });
    // What the old realtime server could store: a change Yjs takes, but that cannot be loaded again.
    appendUpdate(mapDocName(map.id), encodeUpdate(990_400, 0, [{ content: { gc: 0 } }]));
    // A value no map holds, stored straight into the log of a third map.
    const odd = importMap({ actor: rep, content: JSON.stringify(sample), title: "Rar" });
    const writer = new Y.Doc();
    writer.on("update", (u: Uint8Array) => appendUpdate(mapDocName(odd.id), u));
    writer.getMap("nodes").set("tall", 42);

    assert.equal(getMap({ actor: rep, mapId: map.id }).damaged, true);
    assert.equal(getMap({ actor: rep, mapId: odd.id }).damaged, true);
    assert.equal(getMap({ actor: rep, mapId: healthy.id }).damaged, false);
    assert.throws(() => exportMapJson({ actor: rep, mapId: map.id }), DamagedMapError);
    assert.throws(() => saveMapVersion({ actor: rep, mapId: map.id, name: "Nå", meetingId: null }), DomainValidationError);
    const { obstacles, damagedMaps } = obstaclesOfNetwork({ actor: rep });
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

    // The log says where each came from in the reader's language.
    const restored = db
      .select({ summary: auditLog.summary, messageKey: auditLog.messageKey, messageParams: auditLog.messageParams })
      .from(auditLog)
      .where(and(eq(auditLog.networkId, net.id), eq(auditLog.action, "map.restored")))
      .orderBy(asc(auditLog.id))
      .all()
      .map((row) => auditSummary(translator("en"), row));
    assert.deepEqual(restored, [
      "The damaged map “Skadet” was restored from the version “Som avtalt”",
      "The damaged map “Rar” was restored from the latest state that still opens",
    ]);
  });
});
