import { createHmac, timingSafeEqual } from "node:crypto";
import { and, asc, eq, gte } from "drizzle-orm";
import { db } from "../../db/client";
import { calendarFeeds, meetings, memberships, networks } from "../../db/schema";
import { sessionSecrets } from "~/utils/config.server";
import { toICalendar } from "~/utils/ical";
import { recordAudit } from "./audit.server";
import { assertCan, type Actor } from "./permissions.server";

function sign(membershipId: number, generation: number) {
  return createHmac("sha256", sessionSecrets()[0]).update(`calendar:${membershipId}:${generation}`).digest("base64url").slice(0, 32);
}

/** A member's feed is at generation 1 until they ask for a new address; only then is a row written (reads write nothing). */
function generationOf(membershipId: number) {
  return db.select().from(calendarFeeds).where(eq(calendarFeeds.membershipId, membershipId)).get()?.generation ?? 1;
}

/** The member's private feed address (path only). */
export function calendarFeedPath({ actor }: { actor: Actor }) {
  assertCan(actor, "meetings.view");
  return `/calendar/${actor.membershipId}/${sign(actor.membershipId, generationOf(actor.membershipId))}.ics`;
}

/** Makes a new address; the old one stops working at once. */
export function resetCalendarFeed({ actor }: { actor: Actor }) {
  assertCan(actor, "meetings.view");
  const next = generationOf(actor.membershipId) + 1;
  db.insert(calendarFeeds)
    .values({ membershipId: actor.membershipId, generation: next })
    .onConflictDoUpdate({ target: calendarFeeds.membershipId, set: { generation: next } })
    .run();
  recordAudit(db, {
    actor,
    networkId: actor.networkId,
    action: "calendar.reset",
    entityType: "membership",
    entityId: actor.membershipId,
    message: { key: "audit.msg.calendarReset", params: { name: actor.name } },
  });
  return calendarFeedPath({ actor });
}

/**
 * The feed for an address, or null when the address is wrong, reset, or the membership is gone.
 * Holds the network's scheduled meetings from 90 days back; cancelled ones are left out.
 */
export function calendarFeed(membershipId: number, token: string, baseUrl: string, now = Date.now()): string | null {
  const row = db
    .select({
      membershipId: memberships.id,
      networkId: networks.id,
      slug: networks.slug,
      name: networks.name,
      generation: calendarFeeds.generation,
    })
    .from(memberships)
    .innerJoin(networks, eq(networks.id, memberships.networkId))
    .leftJoin(calendarFeeds, eq(calendarFeeds.membershipId, memberships.id))
    .where(eq(memberships.id, membershipId))
    .get();
  if (!row) return null;
  const expected = Buffer.from(sign(row.membershipId, row.generation ?? 1));
  const given = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const list = db
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.networkId, row.networkId),
        eq(meetings.status, "scheduled"),
        gte(meetings.startsAt, new Date(now - 90 * 24 * 60 * 60_000)),
      ),
    )
    .orderBy(asc(meetings.startsAt))
    .all();
  return toICalendar({
    name: row.name,
    events: list.map((m) => ({
      uid: `meeting-${m.id}@samhandlingsportalen`,
      start: m.startsAt,
      end: new Date(m.startsAt.getTime() + m.durationMinutes * 60_000),
      summary: m.title,
      location: m.onlineUrl || m.location,
      description: [m.location, m.onlineUrl].filter(Boolean).join("\n"),
      url: `${baseUrl}/n/${row.slug}/meetings/${m.id}`,
      updated: m.updatedAt,
    })),
  });
}
