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
/** lastSeenAt is written at most this often, so reading pages does not mean writing the database. */
const TOUCH_EVERY_MS = 60_000;

/** Starts a session and returns the token for the cookie (only its hash is stored). */
export function createSession({ userId, userAgent, ip }: { userId: number; userAgent: string; ip: string }, now = Date.now()) {
  const token = newToken();
  db.insert(sessions)
    .values({
      id: randomUUID(),
      tokenHash: hashToken(token),
      userId,
      userAgent: userAgent.slice(0, 300),
      ip,
      createdAt: new Date(now),
      lastSeenAt: new Date(now),
      expiresAt: new Date(now + SESSION_IDLE_MS),
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
  if (row.expiresAt.getTime() <= now) {
    db.delete(sessions).where(eq(sessions.id, row.sessionId)).run();
    return null;
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    db.update(sessions)
      .set({ lastSeenAt: new Date(now), expiresAt: new Date(now + SESSION_IDLE_MS) })
      .where(eq(sessions.id, row.sessionId))
      .run();
  }
  return { sessionId: row.sessionId, user: row.user };
}

export function deleteSessionByToken(token: string) {
  db.delete(sessions)
    .where(eq(sessions.tokenHash, hashToken(token)))
    .run();
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
