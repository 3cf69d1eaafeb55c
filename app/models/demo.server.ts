import { and, eq, inArray } from "drizzle-orm";
import { db } from "../../db/client";
import { agencies, memberships, networks, users } from "../../db/schema";
import { DEMO_NETWORK, DEMO_PASSWORD, DEMO_SIGN_INS } from "../../db/seed/demo-data";
import { loadConfig } from "~/utils/config.server";
import type { Role } from "~/utils/roles";

export interface DemoAccount {
  email: string;
  name: string;
  agency: string;
  role: Role | null;
  isAdmin: boolean;
}

/**
 * The demo accounts to offer on the sign-in page: only while demo seeding is on (SEED_DEMO) and the
 * demo network is in the database, and only the accounts that still exist. A deployment that starts
 * with SEED_DEMO=false never lists any.
 */
export function listDemoAccounts(): { password: string; accounts: DemoAccount[] } | null {
  if (!loadConfig().seedDemo) return null;
  const network = db.select({ id: networks.id }).from(networks).where(eq(networks.slug, DEMO_NETWORK.slug)).get();
  if (!network) return null;
  const rows = db
    .select({ email: users.email, name: users.name, isAdmin: users.isAdmin, agency: agencies.shortName, role: memberships.role })
    .from(users)
    .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.networkId, network.id)))
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(inArray(users.email, DEMO_SIGN_INS))
    .all();
  const accounts = DEMO_SIGN_INS.flatMap((email) => {
    const row = rows.find((r) => r.email === email);
    return row ? [{ email, name: row.name, agency: row.agency ?? "", role: row.role, isAdmin: Boolean(row.isAdmin) }] : [];
  });
  return accounts.length ? { password: DEMO_PASSWORD, accounts } : null;
}
