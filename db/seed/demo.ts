import { hash } from "@node-rs/argon2";
import { sql } from "drizzle-orm";
import { db } from "../client";
import { agencies, auditLog, memberships, networkAgencies, networks, users } from "../schema";
import { DEMO_AGENCIES, DEMO_NETWORK, DEMO_PASSWORD, DEMO_PEOPLE } from "./demo-data";

/** Seeds the demo network when the database has no network yet. Returns whether it seeded. */
export async function seedDemoIfEmpty(): Promise<boolean> {
  const [{ count }] = db.select({ count: sql<number>`count(*)` }).from(networks).all();
  if (count > 0) return false;
  // Every demo account has the same password, so one hash serves them all.
  const passwordHash = await hash(DEMO_PASSWORD);
  db.transaction((tx) => {
    const agencyIds = new Map<string, number>();
    for (const agency of DEMO_AGENCIES) {
      const row = tx
        .insert(agencies)
        .values({ name: agency.name, shortName: agency.shortName, orgNumber: agency.orgNumber })
        .onConflictDoUpdate({ target: agencies.shortName, set: { name: agency.name } })
        .returning({ id: agencies.id })
        .get();
      agencyIds.set(agency.key, row.id);
    }
    const network = tx.insert(networks).values(DEMO_NETWORK).returning().get();
    for (const id of agencyIds.values()) {
      tx.insert(networkAgencies).values({ networkId: network.id, agencyId: id }).run();
    }
    for (const person of DEMO_PEOPLE) {
      const user = tx
        .insert(users)
        .values({
          email: person.email,
          name: person.name,
          passwordHash,
          agencyId: agencyIds.get(person.agency) ?? null,
          isAdmin: person.isAdmin ?? false,
        })
        .onConflictDoNothing()
        .returning({ id: users.id })
        .get();
      if (user && person.role) {
        tx.insert(memberships)
          .values({ networkId: network.id, userId: user.id, role: person.role, responsibility: person.responsibility })
          .run();
      }
    }
    tx.insert(auditLog)
      .values({
        networkId: network.id,
        action: "network.created",
        entityType: "network",
        entityId: String(network.id),
        summary: `Demonettverket «${network.name}» ble opprettet med ${DEMO_PEOPLE.filter((p) => p.role).length} deltakere`,
      })
      .run();
  });
  return true;
}
