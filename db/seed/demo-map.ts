/**
 * The demo service-chain map: the refugee's chain from shared/DOMAIN.md (police registration → UDI
 * decision → D-number → eID → settlement → NAV, school, GP) with the known obstacles. Positions
 * follow the editor's layout (app/components/maps/map-model.ts): stage columns 340 px wide after a
 * 150 px label column; lanes 170 px high after a 56 px header.
 */
import * as Y from "yjs";

const col = (stage: number, slot = 0) => 150 + stage * 340 + 20 + (slot % 2) * 150;
const row = (lane: number, slot = 0) => 56 + lane * 170 + 20 + Math.floor(slot / 2) * 60;

type Level = "legal" | "organisational" | "semantic" | "technical";
const obstacle = (level: Level, description: string) => ({ level, description, status: "open" as const });

export const DEMO_MAP_TITLE = "Flyktningens reise fra ankomst til hverdag";

export function buildDemoMap(): Uint8Array {
  const doc = new Y.Doc();
  const stages = doc.getArray("stages");
  const nodes = doc.getMap("nodes");
  const edges = doc.getMap("edges");
  doc.transact(() => {
    stages.push([
      { id: "arrival", name: "Ankomst" },
      { id: "settlement", name: "Bosetting og etablering" },
      { id: "everyday", name: "Hverdag" },
    ]);
    const n = (id: string, value: Record<string, unknown>) => nodes.set(id, { obstacle: null, ...value });
    n("arrive", { kind: "step", label: "Kommer til Norge", x: col(0, 0), y: row(0) });
    n("protected", { kind: "step", label: "Får kollektiv beskyttelse", x: col(0, 1), y: row(0) });
    n("settled", { kind: "step", label: "Bosettes i en kommune", x: col(1, 0), y: row(0) });
    n("everyday", { kind: "step", label: "Arbeid, skole og helse", x: col(2, 0), y: row(0) });
    n("registered", { kind: "event", label: "Registrering av identitet", x: col(0, 0), y: row(1) });
    n("decision", { kind: "event", label: "Vedtak om beskyttelse", x: col(0, 1), y: row(1) });
    n("moveout", { kind: "event", label: "Flytter ut av mottak", x: col(1, 0), y: row(1) });
    n("municipality", { kind: "event", label: "Flytter til kommunen", x: col(1, 1), y: row(1) });
    n("pu", { kind: "service", label: "Registrering (app, også i utlandet)", agency: "Politiet/PU", x: col(0, 0), y: row(2) });
    n("udi", { kind: "service", label: "Vedtak (robot, 300–400 om dagen)", agency: "UDI", x: col(0, 1), y: row(2) });
    n("dnr", { kind: "service", label: "Tildeling av D-nummer", agency: "Skatteetaten", x: col(1, 0), y: row(2) });
    n("eid", { kind: "service", label: "eID (MinID/Buypass)", agency: "Digdir", x: col(1, 1), y: row(2) });
    n("imdi", { kind: "service", label: "Anmodning om bosetting", agency: "IMDi", x: col(1, 1), y: row(2, 3) });
    n("nav", { kind: "service", label: "Ytelser og arbeid", agency: "NAV", x: col(2, 0), y: row(2) });
    n("school", { kind: "service", label: "Skole og barnehage", agency: "KS", x: col(2, 1), y: row(2) });
    n("gp", { kind: "service", label: "Fastlege", agency: "Hdir", x: col(2, 0), y: row(2, 2) });
    n("identity", { kind: "data", label: "Identitetsdata", x: col(0, 0), y: row(3) });
    n("register", {
      kind: "data",
      label: "Folkeregisteret (D-nummer)",
      x: col(1, 0),
      y: row(3),
      obstacle: obstacle("organisational", "Mangler adresse på D-nummer, så brev og tjenester når ikke fram"),
    });
    n("address", {
      kind: "data",
      label: "Adresse",
      x: col(1, 1),
      y: row(3),
      obstacle: obstacle("semantic", "Privatadresser skrives som fritekst ved utflytting fra mottak"),
    });
    const e = (
      id: string,
      source: string,
      target: string,
      kind: "triggers" | "dataflow",
      label = "",
      obs: ReturnType<typeof obstacle> | null = null,
    ) => edges.set(id, { source, target, kind, label, obstacle: obs });
    e("e1", "arrive", "registered", "triggers");
    e("e2", "registered", "pu", "triggers");
    e("e3", "pu", "identity", "dataflow", "identitet");
    e("e4", "identity", "udi", "dataflow");
    e("e5", "udi", "decision", "triggers");
    e("e6", "decision", "protected", "triggers");
    e("e7", "decision", "dnr", "triggers", "D-nummer");
    e("e8", "dnr", "register", "dataflow");
    e("e9", "register", "eid", "dataflow", "fødselsnr./D-nr.");
    e(
      "e10",
      "udi",
      "register",
      "dataflow",
      "adresseendringer",
      obstacle("technical", "Adresseendringer i UDIs system når ikke Folkeregisteret"),
    );
    e("e11", "moveout", "address", "dataflow", "ny adresse");
    e("e12", "address", "register", "dataflow");
    e("e13", "protected", "imdi", "triggers");
    e("e14", "imdi", "municipality", "triggers", "bosetting");
    e("e15", "municipality", "settled", "triggers");
    e("e16", "settled", "everyday", "triggers");
    e("e17", "everyday", "nav", "triggers");
    e("e18", "everyday", "school", "triggers");
    e("e19", "everyday", "gp", "triggers");
    e("e20", "register", "nav", "dataflow", "adresse");
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
