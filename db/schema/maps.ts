import { blob, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, networks, timestamp, users } from "./core";
import { meetings } from "./meetings";

/** A service-chain map ("tjenestekjedekart"); its content is a Yjs document named map:<id>. */
export const maps = sqliteTable(
  "maps",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    networkId: integer("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (t) => [index("maps_network_idx").on(t.networkId)],
);

/**
 * Every Yjs update of a document, appended before it is broadcast, so anything a client has seen
 * survives a crash. Compaction folds them into a snapshot.
 */
export const docUpdates = sqliteTable(
  "doc_updates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    docName: text("doc_name").notNull(),
    update: blob("update", { mode: "buffer" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("doc_updates_doc_idx").on(t.docName, t.id)],
);

/** Compacted states (kind "compaction": the latest replaces the log up to `upToUpdateId`) and named versions. */
export const docSnapshots = sqliteTable(
  "doc_snapshots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    docName: text("doc_name").notNull(),
    kind: text("kind", { enum: ["compaction", "version"] }).notNull(),
    state: blob("state", { mode: "buffer" }).notNull(),
    upToUpdateId: integer("up_to_update_id").notNull().default(0),
    name: text("name").notNull().default(""),
    meetingId: integer("meeting_id").references(() => meetings.id, { onDelete: "set null" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("doc_snapshots_doc_idx").on(t.docName, t.kind, t.id)],
);
