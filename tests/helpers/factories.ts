/** Small builders for tests: agencies, users, networks and members straight into the test database. */
import { hash } from "@node-rs/argon2";
import { db } from "../../db/client";
import { agencies, memberships, networkAgencies, networks, users } from "../../db/schema";
import type { Actor } from "../../app/models/permissions.server";
import type { Role } from "../../app/utils/roles";

let counter = 0;
const next = () => ++counter;
let cachedHash: string | null = null;

export const TEST_PASSWORD = "correct horse battery";

async function passwordHash() {
  cachedHash ??= await hash(TEST_PASSWORD);
  return cachedHash;
}

export function makeAgency(name = `Etat ${next()}`) {
  return db
    .insert(agencies)
    .values({ name, shortName: name.slice(0, 20) + counter })
    .returning()
    .get();
}

export async function makeUser(opts: { email?: string; name?: string; agencyId?: number | null; isAdmin?: boolean } = {}) {
  const n = next();
  return db
    .insert(users)
    .values({
      email: opts.email ?? `person${n}@etat.example`,
      name: opts.name ?? `Person ${n}`,
      passwordHash: await passwordHash(),
      agencyId: opts.agencyId ?? null,
      isAdmin: opts.isAdmin ?? false,
    })
    .returning()
    .get();
}

export function makeNetwork(slug = `nett-${next()}`) {
  return db
    .insert(networks)
    .values({ slug, name: `Nettverk ${slug}` })
    .returning()
    .get();
}

/** A user with a membership, returned as the Actor the model layer expects. */
export async function makeMember(
  network: { id: number; slug: string; name: string },
  role: Role,
  opts: { agencyId?: number; email?: string; name?: string } = {},
): Promise<Actor> {
  const user = await makeUser({ agencyId: opts.agencyId ?? null, email: opts.email, name: opts.name });
  const membership = db.insert(memberships).values({ networkId: network.id, userId: user.id, role }).returning().get();
  if (opts.agencyId) {
    db.insert(networkAgencies).values({ networkId: network.id, agencyId: opts.agencyId }).onConflictDoNothing().run();
  }
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    agencyId: user.agencyId,
    isAdmin: false,
    networkId: network.id,
    networkSlug: network.slug,
    networkName: network.name,
    membershipId: membership.id,
    role,
    ip: "127.0.0.1",
  };
}
