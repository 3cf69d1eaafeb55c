import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { agencies, createdAt, networks, timestamp, users } from "./core";
import { meetings } from "./meetings";

export const PHASES = ["identified", "establishment", "execution", "outside"] as const;
export const MEASURE_STATUSES = ["on_track", "at_risk", "stopped"] as const;
export const PRIORITIES = ["necessary", "nice_to_have"] as const;
export const MEASURE_EVENT_KINDS = ["created", "phase", "status", "next_step", "updated"] as const;

/** The needs a network set out to meet ("Behov for koordinering mellom aktørene"). */
export const needs = sqliteTable(
  "needs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    networkId: integer("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("needs_network_idx").on(t.networkId)],
);

export const measures = sqliteTable(
  "measures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    networkId: integer("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    needId: integer("need_id").references(() => needs.id, { onDelete: "set null" }),
    phase: text("phase", { enum: PHASES }).notNull().default("identified"),
    /** May be empty: one real measure had no responsible agency yet. */
    responsibleAgencyId: integer("responsible_agency_id").references(() => agencies.id),
    nextStep: text("next_step").notNull().default(""),
    status: text("status", { enum: MEASURE_STATUSES }).notNull().default("on_track"),
    priority: text("priority", { enum: PRIORITIES }).notNull().default("necessary"),
    startDate: text("start_date"),
    endDate: text("end_date"),
    /** Bumped on every change; a move or update names the version it saw, so a stale one is refused. */
    version: integer("version").notNull().default(1),
    phaseSince: timestamp("phase_since").notNull(),
    /** Where the measure came from, when made from an obstacle on a map: "/n/<slug>/maps/<id>#<element>". */
    sourcePath: text("source_path"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (t) => [index("measures_network_phase_idx").on(t.networkId, t.phase)],
);

/** Agencies taking part in a measure besides the responsible one. */
export const measureAgencies = sqliteTable(
  "measure_agencies",
  {
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
  },
  (t) => [primaryKey({ columns: [t.measureId, t.agencyId] }), index("measure_agencies_agency_idx").on(t.agencyId)],
);

/** The history of a measure: phase, status and next-step changes with who, when, a note and a meeting. */
export const measureEvents = sqliteTable(
  "measure_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: MEASURE_EVENT_KINDS }).notNull(),
    fromValue: text("from_value"),
    toValue: text("to_value"),
    note: text("note").notNull().default(""),
    meetingId: integer("meeting_id").references(() => meetings.id, { onDelete: "set null" }),
    actorUserId: integer("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    actorName: text("actor_name").notNull().default(""),
    at: timestamp("at").notNull(),
  },
  (t) => [index("measure_events_measure_idx").on(t.measureId, t.at), index("measure_events_at_idx").on(t.at)],
);
