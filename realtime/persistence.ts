// The realtime server's storage hooks: the document log and snapshots live in db/doc-store.ts, where
// the maps model (versions, exports) reads them too.
export { appendUpdate, compact, pendingUpdateCount } from "../db/doc-store";
