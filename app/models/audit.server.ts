import { and, desc, eq, gte, lt, ne, sql, type SQL } from "drizzle-orm";
import { auditLog, agencies, memberships, users } from "../../db/schema";
import { db, type DbOrTx } from "../../db/client";
import { isMessageKey, translator, type Translate } from "~/i18n";
import { foldText } from "~/utils/search-text";
import type { Role } from "~/utils/roles";
import { auditSearchText, renderAuditMessage, term, type AuditMessage } from "./audit-message";
import { assertCan, type Actor, type UserActor } from "./permissions.server";

export interface AuditEntry {
  actor: Pick<UserActor, "userId" | "name" | "agencyId" | "ip"> | null;
  networkId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number;
  /** What happened, as a catalogue message: rendered in the reader's language when shown. */
  message: AuditMessage;
}

/**
 * Writes one audit entry. Call it with the transaction handle of the change it describes, so the
 * change and its record are committed together or not at all. The message is stored as its key and
 * values; the bokmål text and a folded text in every language are kept beside it for search.
 */
export function recordAudit(tx: DbOrTx, entry: AuditEntry) {
  const summary = renderAuditMessage(translator("nb"), entry.message);
  tx.insert(auditLog)
    .values({
      actorUserId: entry.actor?.userId ?? null,
      actorName: entry.actor?.name ?? "",
      actorAgencyId: entry.actor?.agencyId ?? null,
      networkId: entry.networkId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId === undefined ? "" : String(entry.entityId),
      summary,
      messageKey: entry.message.key,
      messageParams: JSON.stringify(entry.message.params ?? {}),
      searchText: auditSearchText(entry.message),
      ip: entry.actor?.ip ?? "",
    })
    .run();
}

/** An entry's words in the reader's language; entries from before messages were stored keep their bokmål. */
/**
 * A refused page, written by the request edge: an outsider who tried a network's page (`actor`
 * without a role there) or a member whose role lacks the permission.
 */
export function recordAccessDenied({ actor, networkId, path, role }: { actor: UserActor; networkId: number; path: string; role?: Role }) {
  recordAudit(db, {
    actor,
    networkId,
    action: "access.denied",
    entityType: "page",
    entityId: path,
    message: role
      ? { key: "audit.msg.deniedMember", params: { name: actor.name, role: term(`role.inSentence.${role}`), path } }
      : { key: "audit.msg.deniedOutsider", params: { name: actor.name, path } },
  });
}

export function auditSummary(t: Translate, row: { summary: string; messageKey: string | null; messageParams: string | null }): string {
  if (!row.messageKey || !isMessageKey(row.messageKey)) return row.summary;
  let params: AuditMessage["params"] = {};
  try {
    params = JSON.parse(row.messageParams ?? "{}") as AuditMessage["params"];
  } catch {
    return row.summary;
  }
  return renderAuditMessage(t, { key: row.messageKey as AuditMessage["key"], params });
}

/**
 * Entries that belong to a network: those written for it, and the network-less ones (sign-ins,
 * sessions) of people who are members of it now.
 */
function inNetwork(networkId: number): SQL {
  const members = sql`(select m.user_id from ${memberships} m where m.network_id = ${networkId})`;
  return sql`(${auditLog.networkId} = ${networkId} or (${auditLog.networkId} is null and (
    ${auditLog.actorUserId} in ${members}
    or (${auditLog.entityType} = 'user' and ${auditLog.entityId} in (select cast(user_id as text) from ${members})))))`;
}

export interface AuditFilter {
  userId?: number;
  agencyId?: number;
  action?: string;
  from?: Date;
  /** Only what changed in the network itself. */
  changesOnly?: boolean;
  /** Exclusive upper bound. */
  to?: Date;
  query?: string;
  limit?: number;
  offset?: number;
}

/** A network's audit log, newest first, for facilitators. */
export function listAudit({ actor, filter }: { actor: Actor; filter: AuditFilter }) {
  assertCan(actor, "audit.view");
  const conditions: SQL[] = [inNetwork(actor.networkId)];
  if (filter.changesOnly) conditions.push(eq(auditLog.networkId, actor.networkId), ne(auditLog.action, "access.denied"));
  if (filter.userId) conditions.push(eq(auditLog.actorUserId, filter.userId));
  if (filter.agencyId) conditions.push(eq(auditLog.actorAgencyId, filter.agencyId));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to) conditions.push(lt(auditLog.at, filter.to));
  // Every word must be there, in any language the entry can be read in, with or without æ, ø, å.
  for (const word of foldText(filter.query ?? "")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 8)) {
    const escaped = word.replace(/[\\%_]/g, (c) => `\\${c}`);
    conditions.push(sql`${auditLog.searchText} like ${`%${escaped}%`} escape '\\'`);
  }
  const where = and(...conditions);
  const limit = Math.min(filter.limit ?? 50, 200);
  const rows = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorUserId: auditLog.actorUserId,
      actorName: auditLog.actorName,
      agencyShortName: agencies.shortName,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      summary: auditLog.summary,
      messageKey: auditLog.messageKey,
      messageParams: auditLog.messageParams,
    })
    .from(auditLog)
    .leftJoin(agencies, eq(agencies.id, auditLog.actorAgencyId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .offset(filter.offset ?? 0)
    .all();
  const [{ total }] = db
    .select({ total: sql<number>`count(*)` })
    .from(auditLog)
    .where(where)
    .all();
  return { rows, total };
}

/** The choices for the audit filters: people who appear in the log and the kinds of event. */
export function auditFilterChoices({ actor }: { actor: Actor }) {
  assertCan(actor, "audit.view");
  const people = db
    .selectDistinct({ id: users.id, name: users.name })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorUserId))
    .where(inNetwork(actor.networkId))
    .orderBy(users.name)
    .all();
  const actions = db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .where(inNetwork(actor.networkId))
    .orderBy(auditLog.action)
    .all()
    .map((r) => r.action);
  return { people, actions };
}

/** The latest few entries, for the network's home page (facilitators only). */
/** The network's latest changes for its home page: not sign-ins (they have no network) nor refusals. */
export function recentAudit({ actor, limit = 5 }: { actor: Actor; limit?: number }) {
  return listAudit({ actor, filter: { limit, changesOnly: true } }).rows;
}
