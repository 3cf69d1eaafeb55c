/**
 * The realtime server sends something at least every HEARTBEAT_MS to every map connection (an
 * empty presence message when nothing else is going on), so a browser that hears nothing for
 * SILENT_AFTER_MS knows its link is dead, says so and reconnects. y-websocket's own timeout is
 * 30 s, which left "Connected" on the screen for half a minute after the network had gone.
 */
export const HEARTBEAT_MS = 2_000;
export const SILENT_AFTER_MS = 6_000;
