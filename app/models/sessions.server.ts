import { randomUUID } from "node:crypto";
import { and, desc, eq, gt, lt, ne } from "drizzle-orm";
import { db } from "../../db/client";
import { hashToken, newToken } from "~/utils/tokens.server";
import { sessions, users } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { NotFoundError } from "./errors.server";
import type { UserActor } from "./permissions.server";

/** A session ends after this long without use. */
export const SESSION_IDLE_MS = 14 * 24 * 60 * 60_000;
/** lastSeenAt is written at most this often (or a quarter of a shorter idle time), so reading pages does not mean writing the database. */
const TOUCH_EVERY_MS = 60_000;

/** A session started through an OpenID provider follows the provider's rules and can be ended by it. */
export interface ProviderSession {
  provider: string;
  /** The provider's session id (`sid`), for its front-channel logout. */
  sid: string | null;
  idToken: string;
  idleMs: number | null;
  maxMs: number | null;
}

/** Starts a session and returns the token for the cookie (only its hash is stored). */
export function createSession(
  { userId, userAgent, ip, via = null }: { userId: number; userAgent: string; ip: string; via?: ProviderSession | null },
  now = Date.now(),
) {
  const token = newToken();
  const idleMs = via?.idleMs ?? SESSION_IDLE_MS;
  db.insert(sessions)
    .values({
      id: randomUUID(),
      tokenHash: hashToken(token),
      userId,
      userAgent: userAgent.slice(0, 300),
      ip,
      createdAt: new Date(now),
      lastSeenAt: new Date(now),
      expiresAt: new Date(now + idleMs),
      provider: via?.provider ?? null,
      providerSid: via?.sid ?? null,
      idToken: via?.idToken ?? null,
      idleMs: via?.idleMs ?? null,
      endsAt: via?.maxMs ? new Date(now + via.maxMs) : null,
    })
    .run();
  return token;
}

/** The user behind a session token, or null when it is unknown or expired. Extends the session. */
export function userForSessionToken(token: string, now = Date.now()) {
  const row = db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      idleMs: sessions.idleMs,
      endsAt: sessions.endsAt,
      provider: sessions.provider,
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        agencyId: users.agencyId,
        isAdmin: users.isAdmin,
        locale: users.locale,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, hashToken(token)))
    .get();
  if (!row) return null;
  const idleMs = row.idleMs ?? SESSION_IDLE_MS;
  const expired = row.expiresAt.getTime() <= now || (row.endsAt !== null && row.endsAt.getTime() <= now);
  if (expired) {
    db.delete(sessions).where(eq(sessions.id, row.sessionId)).run();
    return null;
  }
  if (now - row.lastSeenAt.getTime() > Math.min(TOUCH_EVERY_MS, idleMs / 4)) {
    const idleEnd = now + idleMs;
    db.update(sessions)
      .set({ lastSeenAt: new Date(now), expiresAt: new Date(row.endsAt ? Math.min(idleEnd, row.endsAt.getTime()) : idleEnd) })
      .where(eq(sessions.id, row.sessionId))
      .run();
  }
  return { sessionId: row.sessionId, provider: row.provider, user: row.user };
}

/** Ends the session of this token; returns the provider and id token it was started with, for signing out there too. */
export function deleteSessionByToken(token: string): { provider: string | null; idToken: string | null } | null {
  const [ended] = db
    .delete(sessions)
    .where(eq(sessions.tokenHash, hashToken(token)))
    .returning({ provider: sessions.provider, idToken: sessions.idToken })
    .all();
  return ended ?? null;
}

/** The provider's front-channel logout: ends every portal session started in that provider session. */
export function endProviderSessions({ provider, sid }: { provider: string; sid: string }) {
  return db
    .delete(sessions)
    .where(and(eq(sessions.provider, provider), eq(sessions.providerSid, sid)))
    .returning({ id: sessions.id })
    .all().length;
}

export function listSessions({ actor }: { actor: UserActor }, now = Date.now()) {
  return db
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, actor.userId), gt(sessions.expiresAt, new Date(now))))
    .orderBy(desc(sessions.lastSeenAt))
    .all();
}

/** Ends one of the actor's own sessions. Another user's session id is "not found". */
export function revokeSession({ actor, sessionId }: { actor: UserActor; sessionId: string }) {
  db.transaction((tx) => {
    const deleted = tx
      .delete(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.userId)))
      .returning({ id: sessions.id })
      .all();
    if (deleted.length === 0) throw new NotFoundError("session");
    recordAudit(tx, {
      actor,
      networkId: null,
      action: "session.revoked",
      entityType: "session",
      entityId: sessionId,
      message: { key: "audit.msg.sessionEnded", params: { name: actor.name } },
    });
  });
}

/** Ends all the actor's sessions except the current one; returns how many. */
export function revokeOtherSessions({ actor, currentSessionId }: { actor: UserActor; currentSessionId: string }) {
  return db.transaction((tx) => {
    const deleted = tx
      .delete(sessions)
      .where(and(eq(sessions.userId, actor.userId), ne(sessions.id, currentSessionId)))
      .returning({ id: sessions.id })
      .all();
    if (deleted.length > 0) {
      recordAudit(tx, {
        actor,
        networkId: null,
        action: "session.revoked",
        entityType: "session",
        message: { key: "audit.msg.sessionsEnded", params: { name: actor.name, count: deleted.length } },
      });
    }
    return deleted.length;
  });
}

export function pruneExpiredSessions(now = Date.now()) {
  db.delete(sessions)
    .where(lt(sessions.expiresAt, new Date(now)))
    .run();
}
