import assert from "node:assert/strict";
import { test } from "node:test";
import { connectionOf, offlineHelpShown, type ConnectionStatus } from "./use-map-doc";

const link = (status: ConnectionStatus, synced: boolean, inSync: boolean) => ({ status, synced, inSync });

test("the link is shown as connected only when in step with the server", () => {
  assert.equal(connectionOf(link("connected", true, true)), "connected");
  assert.equal(connectionOf(link("connected", false, false)), "loading");
  assert.equal(connectionOf(link("connecting", false, false)), "connecting");
  // Loaded once, then the link went: offline (edits are kept), also while it reconnects.
  assert.equal(connectionOf(link("connecting", true, false)), "offline");
  assert.equal(connectionOf(link("connected", true, false)), "offline");
  assert.equal(connectionOf(link("disconnected", false, false)), "offline");
  assert.equal(connectionOf(link("disconnected", true, false)), "offline");
});

test("the offline help shows when the link is down or once the map was loaded and is out of step", () => {
  assert.equal(offlineHelpShown(link("connected", true, true)), false);
  assert.equal(offlineHelpShown(link("connecting", false, false)), false, "not while first connecting");
  assert.equal(offlineHelpShown(link("connected", false, false)), false, "not while loading");
  assert.equal(offlineHelpShown(link("disconnected", false, false)), true);
  assert.equal(offlineHelpShown(link("connecting", true, false)), true);
  assert.equal(offlineHelpShown(link("connected", true, false)), true);
});
