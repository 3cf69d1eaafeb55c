/** Every setting of the portal, read once from the environment (documented in README "Settings"). */
type Env = Record<string, string | undefined>;

export interface Config {
  port: number;
  host: string;
  production: boolean;
  smtpUrl: string | null;
  mailFrom: string;
  publicUrl: string | null;
  seedDemo: boolean;
  trustProxy: boolean;
}

const DEV_SECRET = "samhandlingsportalen-development-secret";

export function loadConfig(env: Env = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${env.PORT}".`);
  }
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    // `env.NODE_ENV`, not `process.env.NODE_ENV`: the Remix compiler inlines the latter as "production".
    production: env["NODE_ENV"] === "production",
    smtpUrl: env.SMTP_URL?.trim() || null,
    mailFrom: env.MAIL_FROM?.trim() || "Samhandlingsportalen <noreply@samhandling.example>",
    publicUrl: env.PUBLIC_URL?.trim().replace(/\/+$/, "") || null,
    seedDemo: env.SEED_DEMO !== "false",
    trustProxy: env.TRUST_PROXY === "true",
  };
}

/** Secret(s) that sign the session cookie. Comma-separated to allow rotation (newest first). */
export function sessionSecrets(env: Env = process.env): string[] {
  const secrets = (env.SESSION_SECRET ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (secrets.length > 0) return secrets;
  if (env["NODE_ENV"] === "production") {
    throw new Error(
      "SESSION_SECRET is not set. Set it to a long random string (for example `openssl rand -hex 32`) before starting in production.",
    );
  }
  return [DEV_SECRET];
}
