import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { agencies, createdAt, memberships, networks, timestamp, users } from "./core";

export const MEETING_STATUSES = ["scheduled", "cancelled"] as const;
export const MINUTES_STATES = ["draft", "published"] as const;

/** A recurring meeting: every 1, 2 or 3 weeks from a first date; its occurrences are rows in meetings. */
export const meetingSeries = sqliteTable("meeting_series", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  networkId: integer("network_id")
    .notNull()
    .references(() => networks.id, { onDelete: "cascade" }),
  title: text("title").notNull(),
  intervalWeeks: integer("interval_weeks").notNull(),
  createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});

export const meetings = sqliteTable(
  "meetings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    networkId: integer("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    seriesId: integer("series_id").references(() => meetingSeries.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    startsAt: timestamp("starts_at").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    location: text("location").notNull().default(""),
    onlineUrl: text("online_url").notNull().default(""),
    status: text("status", { enum: MEETING_STATUSES }).notNull().default("scheduled"),
    minutes: text("minutes").notNull().default(""),
    /** Bumped on every save of the minutes; a save names the version it started from. */
    minutesVersion: integer("minutes_version").notNull().default(0),
    minutesState: text("minutes_state", { enum: MINUTES_STATES }).notNull().default("draft"),
    publishedAt: timestamp("published_at"),
    /** Set when the minutes change after publishing: the correction is shown with its time. */
    correctedAt: timestamp("corrected_at"),
    updatedAt: timestamp("updated_at")
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    createdAt: createdAt(),
  },
  (t) => [index("meetings_network_start_idx").on(t.networkId, t.startsAt), index("meetings_series_idx").on(t.seriesId)],
);

export const agendaItems = sqliteTable(
  "agenda_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    presenterAgencyId: integer("presenter_agency_id").references(() => agencies.id),
    plannedMinutes: integer("planned_minutes").notNull().default(10),
    notes: text("notes").notNull().default(""),
    done: integer("done", { mode: "boolean" }).notNull().default(false),
    proposedBy: integer("proposed_by").references(() => users.id, { onDelete: "set null" }),
    /** The unfinished agenda item of an earlier meeting this one was carried over from. */
    carriedFromId: integer("carried_from_id"),
    /** The open action item of an earlier meeting this item follows up (carried over as an agenda item). */
    carriedFromActionId: integer("carried_from_action_id").references((): AnySQLiteColumn => actionItems.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("agenda_meeting_idx").on(t.meetingId, t.position)],
);

export const meetingAgencyAttendance = sqliteTable(
  "meeting_agency_attendance",
  {
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.agencyId] })],
);

export const meetingPersonAttendance = sqliteTable(
  "meeting_person_attendance",
  {
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] })],
);

/** People without an account who attended, by name and agency. */
export const meetingGuests = sqliteTable("meeting_guests", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  meetingId: integer("meeting_id")
    .notNull()
    .references(() => meetings.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  agencyId: integer("agency_id").references(() => agencies.id),
  agencyName: text("agency_name").notNull().default(""),
});

export const decisions = sqliteTable(
  "decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("decisions_meeting_idx").on(t.meetingId)],
);

export const actionItems = sqliteTable(
  "action_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    agencyId: integer("agency_id").references(() => agencies.id),
    assigneeUserId: integer("assignee_user_id").references(() => users.id, { onDelete: "set null" }),
    dueDate: text("due_date"),
    doneAt: timestamp("done_at"),
    createdAt: createdAt(),
  },
  (t) => [index("actions_meeting_idx").on(t.meetingId)],
);

/** Files attached to a meeting: the bytes on disk under their SHA-256, the rest here. */
export const attachments = sqliteTable(
  "attachments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    sha256: text("sha256").notNull(),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    uploadedBy: integer("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("attachments_meeting_idx").on(t.meetingId)],
);

/**
 * A member's private calendar feed. The address carries an HMAC of the membership and this
 * generation, so nothing secret is stored; "new address" bumps the generation and the old one dies.
 */
export const calendarFeeds = sqliteTable("calendar_feeds", {
  membershipId: integer("membership_id")
    .primaryKey()
    .references(() => memberships.id, { onDelete: "cascade" }),
  generation: integer("generation").notNull().default(1),
  createdAt: createdAt(),
});
