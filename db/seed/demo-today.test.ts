import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { db } from "../client";
import { users } from "../schema";
import { findMembership } from "~/models/networks.server";
import type { Actor } from "~/models/permissions.server";
import { startPage } from "~/models/start-page.server";
import { listMeetings } from "~/models/meetings.server";
import { seedDemoIfEmpty } from "./demo";
import { TODAY_NETWORK } from "./demo-today";

const DAY = 86_400_000;

function actorOf(email: string): Actor {
  const user = db.select().from(users).where(eq(users.email, email)).get()!;
  const m = findMembership(user.id, TODAY_NETWORK.slug)!;
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    agencyId: user.agencyId,
    isAdmin: false,
    networkId: m.networkId,
    networkSlug: m.networkSlug,
    networkName: m.networkName,
    membershipId: m.membershipId,
    role: m.role,
    ip: "",
  };
}

describe("the demo network at work today", () => {
  it("is seeded beside the Ukraine network with dates around today, so its start page has something in every part", async () => {
    assert.equal(await seedDemoIfEmpty(), true);
    assert.equal(await seedDemoIfEmpty(), false, "seeded once");
    const now = Date.now();
    const nav = actorOf("representant@nav.example");
    const { upcoming, past } = listMeetings({ actor: nav });
    assert.equal(upcoming.length, 3);
    assert.ok(upcoming[0]!.startsAt.getTime() - now < 7 * DAY, "the next meeting is within a week");
    assert.ok(past.length >= 8 && now - past[0]!.startsAt.getTime() < 7 * DAY, "last week's meeting has minutes");

    const start = startPage({ actor: nav }, now);
    assert.ok(start.next && start.next.agenda.length >= 2);
    assert.ok(start.actions.mine.some((a) => a.text === "Sende oppdaterte tall for introduksjonsprogrammet"));
    assert.ok(start.actions.agency.length >= 1);
    assert.ok(start.moved.length >= 2, "measures moved in the last two weeks");
    assert.ok(start.minutes && now - start.minutes.publishedAt!.getTime() < 8 * DAY);
    assert.ok(
      start.figures.length === 3 || new Date(now).getUTCDay() === 1,
      "figures reported this week (on a Monday morning, maybe not yet)",
    );
    assert.deepEqual(
      start.evaluations.map((e) => e.title),
      ["Hvordan fungerer nettverket?"],
    );
  });
});
