import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Y from "yjs";
import { translator } from "~/i18n";
import { LANES, LAYOUT, parts, readContent, slotFor, type MapContent } from "~/utils/map-model";
import { toFlowEdges, toFlowNodes, type FlowView, type MapNodeData } from "./flow-model";
import type { Peer } from "./presence";

const t = translator("nb");

function content(): MapContent {
  const doc = new Y.Doc();
  const p = parts(doc);
  p.stages.push([
    { id: "a", name: "Ankomst" },
    { id: "b", name: "Bosetting" },
  ]);
  p.nodes.set("step", { kind: "step", label: "Søker beskyttelse", ...slotFor("step", 0, 0), obstacle: null });
  p.nodes.set("udi", {
    kind: "service",
    label: "Registrering",
    agency: "UDI",
    ...slotFor("service", 0, 0),
    obstacle: { level: "technical", description: "Adresser som fritekst", status: "open" },
  });
  p.nodes.set("reg", { kind: "data", label: "Folkeregisteret", ...slotFor("data", 1, 0) });
  p.edges.set("e1", { source: "step", target: "udi", kind: "triggers", label: "søknad" });
  p.edges.set("e2", {
    source: "udi",
    target: "reg",
    kind: "dataflow",
    label: "",
    obstacle: { level: "legal", description: "", status: "open" },
  });
  return readContent(doc);
}

const view = (over: Partial<FlowView> = {}): FlowView => ({ t, selection: null, canEdit: true, peers: [], measured: new Map(), ...over });
const boxes = (list: ReturnType<typeof toFlowNodes>) => list.filter((n) => n.type === "map");

describe("the map's boxes as React Flow nodes", () => {
  test("lanes and stage headers come first, fixed, behind the boxes, as wide as the stages", () => {
    const nodes = toFlowNodes(content(), view());
    assert.deepEqual(
      nodes.map((n) => n.id),
      ["lane-journey", "lane-events", "lane-services", "lane-data", "stage-a", "stage-b", "step", "udi", "reg"],
    );
    const lanes = nodes.filter((n) => n.type === "lane");
    assert.equal(lanes.length, LANES.length);
    assert.deepEqual(lanes[1].position, { x: 0, y: LAYOUT.headerHeight + LAYOUT.laneHeight });
    assert.deepEqual(lanes[0].data, { label: "Brukerreise", width: LAYOUT.laneLabelWidth + 2 * LAYOUT.stageWidth });
    assert.ok(lanes.every((n) => n.draggable === false && n.selectable === false && n.focusable === false && n.zIndex === -1));
    const stage = nodes.find((n) => n.id === "stage-b")!;
    assert.deepEqual(stage.position, { x: LAYOUT.laneLabelWidth + LAYOUT.stageWidth, y: 0 });
    assert.deepEqual(stage.data, { label: "Bosetting" });
  });

  test("a map without stages still has lanes one stage wide", () => {
    const empty: MapContent = { stages: [], nodes: new Map(), edges: new Map() };
    const nodes = toFlowNodes(empty, view());
    assert.equal(nodes.length, LANES.length);
    assert.equal((nodes[0].data as { width: number }).width, LAYOUT.laneLabelWidth + LAYOUT.stageWidth);
  });

  test("a box says its kind, agency and obstacle in words, in its label and to a screen reader", () => {
    const [step, udi, reg] = boxes(toFlowNodes(content(), view()));
    assert.equal(udi.ariaLabel, "Tjeneste: Registrering (UDI). Hinder: Teknisk: Adresser som fritekst");
    assert.equal((udi.data as MapNodeData).kindLabel, "Tjeneste");
    assert.equal((udi.data as MapNodeData).obstacleLabel, "Teknisk: Adresser som fritekst");
    assert.equal(step.ariaLabel, "Steg i reisen: Søker beskyttelse");
    assert.equal((step.data as MapNodeData).obstacleLabel, null);
    assert.equal(reg.ariaLabel, "Data/register: Folkeregisteret");
    assert.deepEqual(udi.position, slotFor("service", 0, 0));
  });

  test("words follow the language", () => {
    const [, udi] = boxes(toFlowNodes(content(), view({ t: translator("en") })));
    assert.notEqual(udi.ariaLabel, "Tjeneste: Registrering (UDI). Hinder: Teknisk: Adresser som fritekst");
    assert.match(udi.ariaLabel!, /Registrering \(UDI\)/);
  });

  test("selection, editing rights, measured sizes and who else has a box selected", () => {
    const peers: Peer[] = [
      { clientId: 2, name: "Kari", agency: "NAV", color: "#b3400b", selected: ["udi"] },
      { clientId: 3, name: "Ola", agency: null, color: "#2b6d33", selected: [] },
    ];
    const measured = new Map([["udi", { width: 140, height: 88 }]]);
    const [step, udi] = boxes(toFlowNodes(content(), view({ selection: "udi", canEdit: false, peers, measured })));
    assert.equal(udi.selected, true);
    assert.equal(step.selected, false);
    assert.equal(udi.draggable, false);
    assert.deepEqual(udi.measured, { width: 140, height: 88 });
    assert.equal(step.measured, undefined);
    assert.deepEqual(
      (udi.data as MapNodeData).peers.map((p) => p.name),
      ["Kari"],
    );
    assert.deepEqual((step.data as MapNodeData).peers, []);
    assert.equal(boxes(toFlowNodes(content(), view()))[0].draggable, true);
  });
});

describe("the map's arrows as React Flow edges", () => {
  test("an arrow carries only its own words and its obstacle's level; its kind is in the line", () => {
    const [triggers, dataflow] = toFlowEdges(content(), { t, selection: "e2" });
    assert.equal(triggers.label, "søknad");
    assert.equal(triggers.animated, false);
    assert.equal(triggers.style, undefined);
    assert.equal(triggers.selected, false);
    assert.equal(triggers.ariaLabel, "Utløser: Søker beskyttelse → Registrering");
    assert.equal(dataflow.label, "⚠ Juridisk");
    assert.equal(dataflow.animated, true);
    assert.deepEqual(dataflow.style, { strokeDasharray: "6 4" });
    assert.equal(dataflow.selected, true);
    assert.equal(dataflow.ariaLabel, "Dataflyt: Registrering → Folkeregisteret ⚠ Juridisk");
    assert.deepEqual(dataflow.markerEnd, { type: "arrowclosed" });
  });

  test("an arrow without words has no label, and one to a missing box names nothing", () => {
    const c = content();
    const edges = new Map(c.edges);
    edges.set("e3", { source: "reg", target: "gone", kind: "triggers", label: "  " });
    const [, , dangling] = toFlowEdges({ ...c, edges }, { t, selection: null });
    assert.equal(dangling.label, undefined);
    assert.equal(dangling.ariaLabel, "Utløser: Folkeregisteret → ");
  });
});
