import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { agencies, createdAt, networks, timestamp, users } from "./core";

/** Where in the refugee's journey a metric counts, in the order the flow runs. */
export const JOURNEY_STAGES = ["arrival", "decision", "identity", "settlement", "work"] as const;
export const CADENCES = ["weekly", "monthly"] as const;
export const FIGURE_STATUSES = ["draft", "published"] as const;
export const FIGURE_CHANGES = ["draft", "published", "corrected"] as const;

/** What a network counts: defined by a facilitator, reported by one agency. */
export const metrics = sqliteTable(
  "metrics",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    networkId: integer("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    unit: text("unit").notNull(),
    stage: text("stage", { enum: JOURNEY_STAGES }).notNull(),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    cadence: text("cadence", { enum: CADENCES }).notNull(),
    /** Values below this are shown as "< threshold" to everyone outside the reporting agency; 0 = never. */
    threshold: integer("threshold").notNull().default(0),
    /** Part of the journey's flow chart (people per stage), as the facilitator chose. */
    inFlow: integer("in_flow", { mode: "boolean" }).notNull().default(true),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("metrics_network_name_idx").on(t.networkId, t.name), index("metrics_network_agency_idx").on(t.networkId, t.agencyId)],
);

/** One value of a metric for one period (a week's Monday or a month's first day, YYYY-MM-DD). */
export const figures = sqliteTable(
  "figures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    metricId: integer("metric_id")
      .notNull()
      .references(() => metrics.id, { onDelete: "cascade" }),
    period: text("period").notNull(),
    value: real("value").notNull(),
    comment: text("comment").notNull().default(""),
    status: text("status", { enum: FIGURE_STATUSES }).notNull().default("draft"),
    /** Set when a published value is changed; the old one stays in figure_history. */
    correctedAt: timestamp("corrected_at"),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at").notNull(),
    publishedAt: timestamp("published_at"),
  },
  (t) => [
    uniqueIndex("figures_metric_period_idx").on(t.metricId, t.period),
    index("figures_metric_status_period_idx").on(t.metricId, t.status, t.period),
  ],
);

/** Every value a figure has had, so a correction after publishing never loses the old number. */
export const figureHistory = sqliteTable(
  "figure_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    figureId: integer("figure_id")
      .notNull()
      .references(() => figures.id, { onDelete: "cascade" }),
    change: text("change", { enum: FIGURE_CHANGES }).notNull(),
    value: real("value").notNull(),
    comment: text("comment").notNull().default(""),
    changedBy: integer("changed_by").references(() => users.id, { onDelete: "set null" }),
    changedAt: timestamp("changed_at").notNull(),
  },
  (t) => [index("figure_history_figure_idx").on(t.figureId)],
);

/** Periods up to and including `lockedThrough` can no longer be changed in this network. */
export const figureLocks = sqliteTable("figure_locks", {
  networkId: integer("network_id")
    .primaryKey()
    .references(() => networks.id, { onDelete: "cascade" }),
  lockedThrough: text("locked_through").notNull(),
  lockedBy: integer("locked_by").references(() => users.id, { onDelete: "set null" }),
  lockedAt: timestamp("locked_at").notNull(),
});

/**
 * A checked upload waiting for its reporter to confirm: the clean rows as JSON. Nothing reaches
 * `figures` before the confirmation, and the rows are checked again then.
 */
export const figureUploads = sqliteTable("figure_uploads", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  networkId: integer("network_id")
    .notNull()
    .references(() => networks.id, { onDelete: "cascade" }),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  fileName: text("file_name").notNull(),
  rows: text("rows").notNull(),
  createdAt: createdAt(),
});
