import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { MapEdge, MapNode } from "~/utils/map-model";
import { readConnection, readEdgeEdit, readNewNode, readNodeEdit, readObstacle } from "./panel-forms";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe("the map panel's forms", () => {
  test("an obstacle needs a level of the model's; its status falls back to open", () => {
    assert.equal(readObstacle(form({ obstacleLevel: "", obstacleDescription: "x" })), null);
    assert.equal(readObstacle(form({ obstacleLevel: "cosmic" })), null);
    assert.deepEqual(readObstacle(form({ obstacleLevel: "legal", obstacleDescription: "Hjemmel mangler", obstacleStatus: "resolved" })), {
      level: "legal",
      description: "Hjemmel mangler",
      status: "resolved",
    });
    const long = readObstacle(form({ obstacleLevel: "technical", obstacleDescription: "a".repeat(600), obstacleStatus: "??" }));
    assert.equal(long?.description.length, 500);
    assert.equal(long?.status, "open");
  });

  test("a new box needs a label; its stage is a number and an empty agency is none", () => {
    assert.equal(readNewNode(form({ label: "   ", stage: "1" })), null);
    assert.deepEqual(readNewNode(form({ label: "  Søknad ", stage: "2", agency: "" })), {
      label: "Søknad",
      stageIndex: 2,
      agency: undefined,
    });
    assert.deepEqual(readNewNode(form({ label: "b".repeat(130), stage: "0", agency: "NAV" })), {
      label: "b".repeat(120),
      stageIndex: 0,
      agency: "NAV",
    });
  });

  test("an edited box keeps its label when emptied, and an agency only as a service", () => {
    const service: MapNode = { kind: "service", label: "Registrering", agency: "UDI", x: 1, y: 2, obstacle: null };
    assert.deepEqual(readNodeEdit(form({ label: " ", agency: "NAV", obstacleLevel: "" }), service), {
      ...service,
      agency: "NAV",
      obstacle: null,
    });
    const step: MapNode = { kind: "step", label: "Søker", x: 1, y: 2 };
    assert.deepEqual(readNodeEdit(form({ label: "Søker asyl", agency: "NAV" }), step), {
      ...step,
      label: "Søker asyl",
      agency: undefined,
      obstacle: null,
    });
  });

  test("a connection needs a target; its kind is one of the model's", () => {
    assert.equal(readConnection(form({ target: "", kind: "dataflow" })), null);
    assert.deepEqual(readConnection(form({ target: "n2", kind: "dataflow", label: "vedtak" })), {
      target: "n2",
      kind: "dataflow",
      label: "vedtak",
    });
    assert.deepEqual(readConnection(form({ target: "n2" })), { target: "n2", kind: "triggers", label: "" });
    assert.equal(readConnection(form({ target: "n2", kind: "teleport" }))?.kind, "triggers");
  });

  test("an edited arrow keeps its ends", () => {
    const edge: MapEdge = { source: "a", target: "b", kind: "triggers", label: "" };
    assert.deepEqual(
      readEdgeEdit(
        form({ kind: "dataflow", label: "c".repeat(90), obstacleLevel: "semantic", obstacleDescription: "Ulike begreper" }),
        edge,
      ),
      {
        source: "a",
        target: "b",
        kind: "dataflow",
        label: "c".repeat(80),
        obstacle: { level: "semantic", description: "Ulike begreper", status: "open" },
      },
    );
  });
});
