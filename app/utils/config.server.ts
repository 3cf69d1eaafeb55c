/** Every setting of the portal, read once from the environment (documented in README "Settings"). */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { dirname, resolve } from "node:path";

type Env = Record<string, string | undefined>;

export interface Config {
  port: number;
  host: string;
  smtpUrl: string | null;
  mailFrom: string;
  publicUrl: string | null;
  seedDemo: boolean;
  trustProxy: boolean;
}

export function loadConfig(env: Env = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${env.PORT}".`);
  }
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    smtpUrl: env.SMTP_URL?.trim() || null,
    mailFrom: env.MAIL_FROM?.trim() || "Samhandlingsportalen <noreply@samhandling.example>",
    publicUrl: env.PUBLIC_URL?.trim().replace(/\/+$/, "") || null,
    seedDemo: env.SEED_DEMO !== "false",
    trustProxy: env.TRUST_PROXY === "true",
  };
}

/**
 * Whether the browser reached the portal over https, so cookies get `Secure` and HSTS is sent:
 * PUBLIC_URL's scheme when it is set, otherwise the request's own protocol (which express takes
 * from the proxy's X-Forwarded-Proto when TRUST_PROXY is on). Not NODE_ENV: `npm start` runs the
 * production build, and sign-in over plain http on localhost must keep working.
 */
export function reachedOverHttps(
  request: { url: string } | { protocol: string },
  config: Pick<Config, "publicUrl"> = loadConfig(),
): boolean {
  if (config.publicUrl) return config.publicUrl.startsWith("https://");
  return "protocol" in request ? request.protocol === "https" : new URL(request.url).protocol === "https:";
}

const generatedSecrets = new Map<string, string>();

/**
 * The secret kept beside the database when SESSION_SECRET is unset: made once from 32 random
 * bytes and readable by the portal's user only, so sessions and calendar links survive restarts and
 * no installation signs its cookies with a value that is known. In memory for a memory database.
 */
function storedSecret(env: Env): string {
  const database = env.DATABASE_PATH?.trim() || "data/portal.db";
  const file = database === ":memory:" ? ":memory:" : resolve(dirname(resolve(database)), "session-secret");
  const known = generatedSecrets.get(file);
  if (known) return known;
  let secret: string;
  if (file !== ":memory:" && existsSync(file)) {
    secret = readFileSync(file, "utf8").trim();
    if (secret.length < 32)
      throw new Error(`${file} holds no usable secret: delete it to make a new one (everyone is signed out), or set SESSION_SECRET.`);
  } else {
    secret = randomBytes(32).toString("hex");
    if (file !== ":memory:") {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
      chmodSync(file, 0o600);
    }
  }
  generatedSecrets.set(file, secret);
  return secret;
}

/** Secret(s) that sign the session cookie. Comma-separated to allow rotation (newest first). */
export function sessionSecrets(env: Env = process.env): string[] {
  const secrets = (env.SESSION_SECRET ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return secrets.length > 0 ? secrets : [storedSecret(env)];
}
