import { blob, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, timestamp, users } from "./core";

/**
 * A sign-in through an OpenID provider linked to an account: the provider's configured id and its
 * stable subject for the person (`sub`). Nothing else from the token is stored (README "Privacy").
 */
export const userIdentities = sqliteTable(
  "user_identities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    subject: text("subject").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at"),
  },
  (t) => [uniqueIndex("user_identities_provider_subject_unique").on(t.provider, t.subject), index("user_identities_user_idx").on(t.userId)],
);

/** A sign-in begun at the portal and not yet come back from the provider. Single use, short-lived. */
export const pendingSignIns = sqliteTable("pending_sign_ins", {
  /** SHA-256 of the `state` sent to the provider; the browser holds `state` in a cookie too. */
  stateHash: text("state_hash").primaryKey(),
  provider: text("provider").notNull(),
  nonce: text("nonce").notNull(),
  codeVerifier: text("code_verifier").notNull(),
  /** SHA-256 of the invitation token when the sign-in answers an invitation. */
  invitationTokenHash: text("invitation_token_hash"),
  /** The signed-in user linking another sign-in from their account page. */
  linkUserId: integer("link_user_id").references(() => users.id, { onDelete: "cascade" }),
  redirectTo: text("redirect_to").notNull().default("/"),
  createdAt: createdAt(),
  expiresAt: timestamp("expires_at").notNull(),
});

/** A WebAuthn credential (passkey) of a password account. */
export const passkeys = sqliteTable(
  "passkeys",
  {
    /** The credential id, base64url. */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    publicKey: blob("public_key", { mode: "buffer" }).notNull(),
    counter: integer("counter").notNull().default(0),
    /** JSON array of the authenticator's transports ("internal", "hybrid" …), as it reported them. */
    transports: text("transports").notNull().default("[]"),
    name: text("name").notNull(),
    backedUp: integer("backed_up", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at"),
  },
  (t) => [index("passkeys_user_idx").on(t.userId)],
);

/**
 * A WebAuthn ceremony begun by one browser (the token's hash; the browser holds the token in an
 * HttpOnly cookie). `challenge` is taken (set to null) by the step that checks it, so it answers once.
 * A `second-step` row is also the pending sign-in of a user whose password was right and who must
 * still show a passkey: no portal session exists until it is finished.
 */
export const passkeyChallenges = sqliteTable("passkey_challenges", {
  tokenHash: text("token_hash").primaryKey(),
  purpose: text("purpose", { enum: ["register", "sign-in", "second-step"] }).notNull(),
  /** The signed-in user adding a passkey, or the user of a pending second step; none for a sign-in. */
  userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
  challenge: text("challenge"),
  /** The origin the ceremony was begun from; its host is the relying party id. */
  origin: text("origin").notNull(),
  redirectTo: text("redirect_to").notNull().default("/"),
  createdAt: createdAt(),
  expiresAt: timestamp("expires_at").notNull(),
});
