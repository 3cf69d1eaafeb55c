import assert from "node:assert/strict";
import { test } from "node:test";
import { colorOf, PEER_COLORS, peersOf, type AwarenessState } from "./presence";

test("the others present are every state but one's own, and only those who said who they are", () => {
  const states = new Map<number, AwarenessState>([
    [1, { user: { name: "Meg", agency: null, color: "#000" } }],
    [2, { user: { name: "Kari", agency: "NAV", color: "#b3400b" }, cursor: { x: 10, y: 20 }, selected: ["udi"] }],
    [3, {}],
    [4, { user: { name: "Ola", agency: null, color: "#2b6d33" } }],
  ]);
  assert.deepEqual(peersOf(states, 1), [
    { clientId: 2, name: "Kari", agency: "NAV", color: "#b3400b", cursor: { x: 10, y: 20 }, selected: ["udi"] },
    { clientId: 4, name: "Ola", agency: null, color: "#2b6d33", cursor: null, selected: [] },
  ]);
});

test("a client's colour is one of the readable ones, the same each time", () => {
  assert.equal(colorOf(7), colorOf(7));
  assert.ok(PEER_COLORS.includes(colorOf(123456789)));
});
