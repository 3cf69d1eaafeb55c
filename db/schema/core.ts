import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Milliseconds since the epoch, stored as an integer and read as a Date. */
export const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });
export const createdAt = () =>
  timestamp("created_at")
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const ROLES = ["facilitator", "agency_admin", "representative", "leader", "participant"] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ["nb", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Organisations taking part in networks (police, UDI, NAV ...). Shared by all networks. */
export const agencies = sqliteTable("agencies", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  shortName: text("short_name").notNull().unique(),
  orgNumber: text("org_number"),
  createdAt: createdAt(),
});

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** Null for a person who only signs in through an OpenID provider. */
    passwordHash: text("password_hash"),
    /** A passkey is asked for after the password (a facilitator can reset it, audited). */
    requirePasskey: integer("require_passkey", { mode: "boolean" }).notNull().default(false),
    agencyId: integer("agency_id").references(() => agencies.id),
    isAdmin: integer("is_admin", { mode: "boolean" }).notNull().default(false),
    locale: text("locale", { enum: LOCALES }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const networks = sqliteTable("networks", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  /**
   * Whether a person signing in through an agency's own Entra ID tenant may be linked to their
   * account by verified email, without an invitation link.
   */
  allowEmailLinking: integer("allow_email_linking", { mode: "boolean" }).notNull().default(false),
  createdAt: createdAt(),
});

/** Which agencies take part in a network. */
export const networkAgencies = sqliteTable(
  "network_agencies",
  {
    networkId: integer("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.agencyId] })],
);

export const memberships = sqliteTable(
  "memberships",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    networkId: integer("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull(),
    /** Free text: what this person is responsible for in the network. */
    responsibility: text("responsibility").notNull().default(""),
    createdAt: createdAt(),
    /** When the member last opened the network's start page: "what moved since my last visit". */
    lastHomeVisitAt: timestamp("last_home_visit_at"),
  },
  (t) => [uniqueIndex("memberships_network_user_unique").on(t.networkId, t.userId), index("memberships_user_idx").on(t.userId)],
);

/** Server-side sessions. The cookie carries a random token; only its SHA-256 is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    userAgent: text("user_agent").notNull().default(""),
    ip: text("ip").notNull().default(""),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    /** The OpenID provider the session was started through (its configured id), null for a password. */
    provider: text("provider"),
    /** The provider's session id (`sid`), so its front-channel logout can end this session. */
    providerSid: text("provider_sid"),
    /** The id token, kept only as `id_token_hint` for signing out at the provider. */
    idToken: text("id_token"),
    /** How long the session may stay unused; null: SESSION_IDLE_MS. */
    idleMs: integer("idle_ms"),
    /** When the session ends however it is used (the provider's maximum length); null: no limit. */
    endsAt: timestamp("ends_at"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_provider_sid_idx").on(t.provider, t.providerSid)],
);

/** Failed sign-in counters, per account ("email:…") and per address ("ip:…"). */
export const loginThrottle = sqliteTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  firstFailureAt: timestamp("first_failure_at").notNull(),
  lastFailureAt: timestamp("last_failure_at").notNull(),
  lockedUntil: timestamp("locked_until"),
});

export const invitations = sqliteTable(
  "invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    networkId: integer("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    responsibility: text("responsibility").notNull().default(""),
    /** SHA-256 of the single-use token in the link; the token itself is only in the email. */
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: integer("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at").notNull(),
    acceptedAt: timestamp("accepted_at"),
    acceptedBy: integer("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at"),
  },
  (t) => [index("invitations_network_idx").on(t.networkId)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: createdAt(),
    actorUserId: integer("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Kept as text too, so the log still reads right after a user is deleted. */
    actorName: text("actor_name").notNull().default(""),
    actorAgencyId: integer("actor_agency_id").references(() => agencies.id),
    networkId: integer("network_id").references(() => networks.id, { onDelete: "cascade" }),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull().default(""),
    /** In bokmål, as written at the time; shown for entries from before messages were stored. */
    summary: text("summary").notNull(),
    /** The event as a catalogue message (audit.msg.*) and its values, shown in the reader's language. */
    messageKey: text("message_key"),
    messageParams: text("message_params"),
    /** The summary in every language, folded (æ→ae, ø→o, å→a, lower case), for the log's search. */
    searchText: text("search_text").notNull().default(""),
    ip: text("ip").notNull().default(""),
  },
  (t) => [index("audit_network_at_idx").on(t.networkId, t.at), index("audit_action_idx").on(t.action)],
);

export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    networkId: integer("network_id").references(() => networks.id, { onDelete: "cascade" }),
    to: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("body_text").notNull(),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at"),
    /** What the mail is about ("minutes:12"), so the page that sent it can show how delivery went. */
    topic: text("topic"),
  },
  (t) => [
    index("outbox_pending_idx").on(t.sentAt, t.nextAttemptAt),
    index("outbox_network_idx").on(t.networkId, t.createdAt),
    index("outbox_topic_idx").on(t.networkId, t.topic),
  ],
);
