/**
 * The test OpenID provider: Ansattporten-, ID-porten- and Entra ID-like issuers on one loopback port,
 * for development (`npm run dev:idp`) and the tests. See README "The test OpenID provider".
 *
 * Environment: IDP_PORT (4010), PORTAL_URL (http://localhost:3000), IDP_CACHE_DIR (.cache/dev-idp,
 * where the client key and portal.env are kept), IDP_PORTAL_PROVIDERS (ansattporten,idporten,entra-nav).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isPortalProviderId, portalSignIn, toEnvLines } from "./dev-idp/portal-env";
import { startIdp } from "./dev-idp/server";

export { startIdp, type IdpOptions, type RunningIdp } from "./dev-idp/server";
export type { IdpClient, ClientAuth } from "./dev-idp/clients";

async function main() {
  const port = Number(process.env.IDP_PORT ?? 4010);
  const portalUrl = process.env.PORTAL_URL ?? "http://localhost:3000";
  const cacheDir = process.env.IDP_CACHE_DIR ?? ".cache/dev-idp";
  const providers = (process.env.IDP_PORTAL_PROVIDERS ?? "ansattporten,idporten,entra-nav").split(",");
  const unknown = providers.filter((id) => !isPortalProviderId(id));
  if (unknown.length > 0 || !Number.isInteger(port)) {
    console.error(`Unknown portal provider ids: ${unknown.join(", ") || "none"}; IDP_PORT=${process.env.IDP_PORT ?? ""}`);
    process.exit(2);
  }

  const signIn = portalSignIn({
    portalUrl,
    idpOrigin: `http://127.0.0.1:${port}`,
    keyFile: join(cacheDir, "client-key.json"),
    providers: providers.filter(isPortalProviderId),
  });
  const idp = await startIdp({ port, clients: signIn.clients });

  const lines = toEnvLines(signIn.env);
  mkdirSync(cacheDir, { recursive: true });
  const envFile = join(cacheDir, "portal.env");
  writeFileSync(envFile, `${lines.join("\n")}\n`, { mode: 0o600 });

  console.log(`Test OpenID provider (not for production) for the portal at ${portalUrl}:`);
  for (const [kind, url] of Object.entries(idp.issuers)) console.log(`  ${kind.padEnd(12)} ${url}`);
  console.log(`\nGive the portal these variables (also in ${envFile}: set -a; . ${envFile}; set +a):\n`);
  console.log(lines.join("\n"));

  const stop = () => void idp.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
