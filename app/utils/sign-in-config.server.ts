/**
 * How people may sign in: with a password (unless PASSWORD_SIGN_IN=false) and through the OpenID
 * providers named in SIGN_IN_PROVIDERS, each configured by OIDC_<ID>_* variables (README
 * "Sign-in through Ansattporten, ID-porten and Entra ID"). Read once; a wrong setting stops the
 * start with the variable's name, and no secret is ever part of a message.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

type Env = Record<string, string | undefined>;

export const PROVIDER_KINDS = ["ansattporten", "idporten", "entra"] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** ID-porten's and Ansattporten's levels, lowest first. */
export const ACR_LEVELS = ["idporten-loa-substantial", "idporten-loa-high"] as const;
export type AcrLevel = (typeof ACR_LEVELS)[number];

export type PrivateJwk = JsonWebKey & { kid?: string; alg?: string };

export type ClientAuth =
  { method: "private_key_jwt"; jwk: PrivateJwk } | { method: "client_secret_post" | "client_secret_basic"; secret: string };

export interface ProviderConfig {
  /** Lower-case letters, digits and dashes: the path /auth/<id> and the OIDC_<ID>_ prefix. */
  id: string;
  kind: ProviderKind;
  /** What the sign-in button says after "Logg inn med". */
  label: string;
  issuer: string;
  clientId: string;
  clientAuth: ClientAuth;
  scopes: string;
  /** The level asked for and required of the returned `acr`; null where the provider has none (Entra ID). */
  acr: AcrLevel | null;
  /** Ansattporten: the organisation the person acts for is asked for with these (RAR). */
  authorizationDetails: Array<Record<string, unknown>> | null;
  /** Entra ID: the organisation number of the agency whose tenant this is. */
  agencyOrgNumber: string | null;
  /** A session started here ends this long after sign-in, however it is used. */
  maxSessionMs: number | null;
  /** ... and after this long unused. */
  idleMs: number | null;
}

export interface SignInConfig {
  passwordSignIn: boolean;
  /** http issuers are accepted only when this is set (a provider on loopback in development and tests). */
  allowHttp: boolean;
  providers: ProviderConfig[];
}

/** The providers' own session rules: Ansattporten and ID-porten end a session after 120 minutes, or 30 unused. */
const PROVIDER_SESSION: Record<ProviderKind, { maxMinutes: number | null; idleMinutes: number | null }> = {
  ansattporten: { maxMinutes: 120, idleMinutes: 30 },
  idporten: { maxMinutes: 120, idleMinutes: 30 },
  entra: { maxMinutes: null, idleMinutes: null },
};

const LABELS: Record<ProviderKind, string> = { ansattporten: "Ansattporten", idporten: "ID-porten", entra: "Entra ID" };

export class SignInConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`${variable}: ${problem}`);
    this.name = "SignInConfigError";
  }
}

const idSchema = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/);
const minutesSchema = z.coerce
  .number()
  .positive()
  .max(60 * 24 * 30);

function prefixOf(id: string) {
  return `OIDC_${id.toUpperCase().replace(/-/g, "_")}_`;
}

/** A value given directly or in a file named by <NAME>_FILE (for secrets mounted by the platform). */
function valueOrFile(env: Env, name: string): string | null {
  const direct = env[name]?.trim();
  if (direct) return direct;
  const file = env[`${name}_FILE`]?.trim();
  if (!file) return null;
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    throw new SignInConfigError(`${name}_FILE`, `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

function parseJson(variable: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SignInConfigError(variable, "is not valid JSON");
  }
}

const privateJwkSchema = z
  .object({ kty: z.enum(["RSA", "EC"]), d: z.string().min(1), kid: z.string().optional(), alg: z.string().optional() })
  .passthrough();

function clientAuthOf(env: Env, prefix: string, kind: ProviderKind): ClientAuth {
  const privateKey = valueOrFile(env, `${prefix}PRIVATE_KEY`);
  const secret = valueOrFile(env, `${prefix}CLIENT_SECRET`);
  const method =
    env[`${prefix}CLIENT_AUTH`]?.trim() ||
    (privateKey ? "private_key_jwt" : kind === "entra" ? "client_secret_basic" : "client_secret_post");
  if (method === "private_key_jwt") {
    if (!privateKey) throw new SignInConfigError(`${prefix}PRIVATE_KEY_FILE`, "is needed for private_key_jwt");
    const jwk = privateJwkSchema.safeParse(parseJson(`${prefix}PRIVATE_KEY`, privateKey));
    if (!jwk.success) throw new SignInConfigError(`${prefix}PRIVATE_KEY`, "must be a private JWK (RSA or EC, with its private part)");
    return { method, jwk: jwk.data as PrivateJwk };
  }
  if (method !== "client_secret_post" && method !== "client_secret_basic") {
    throw new SignInConfigError(`${prefix}CLIENT_AUTH`, "must be private_key_jwt, client_secret_post or client_secret_basic");
  }
  if (!secret) throw new SignInConfigError(`${prefix}CLIENT_SECRET`, `is needed for ${method}`);
  return { method, secret };
}

function providerOf(env: Env, id: string, allowHttp: boolean): ProviderConfig {
  const prefix = prefixOf(id);
  const read = (name: string) => env[`${prefix}${name}`]?.trim() || null;
  const kind = read("KIND") ?? (PROVIDER_KINDS as readonly string[]).find((k) => id === k || id.startsWith(`${k}-`));
  if (!kind || !(PROVIDER_KINDS as readonly string[]).includes(kind)) {
    throw new SignInConfigError(`${prefix}KIND`, "must be ansattporten, idporten or entra");
  }
  const providerKind = kind as ProviderKind;
  const issuer = read("ISSUER");
  if (!issuer || !URL.canParse(issuer)) throw new SignInConfigError(`${prefix}ISSUER`, "must be the provider's issuer URL");
  const issuerUrl = new URL(issuer);
  if (issuerUrl.protocol !== "https:" && !(allowHttp && issuerUrl.protocol === "http:")) {
    throw new SignInConfigError(`${prefix}ISSUER`, "must use https (OIDC_ALLOW_HTTP=true allows http, for a provider on loopback only)");
  }
  const clientId = read("CLIENT_ID");
  if (!clientId) throw new SignInConfigError(`${prefix}CLIENT_ID`, "is missing");

  let acr: AcrLevel | null = null;
  if (providerKind !== "entra") {
    const level = read("ACR") ?? "idporten-loa-substantial";
    if (!(ACR_LEVELS as readonly string[]).includes(level))
      throw new SignInConfigError(`${prefix}ACR`, `must be one of ${ACR_LEVELS.join(", ")}`);
    acr = level as AcrLevel;
  }

  let authorizationDetails: ProviderConfig["authorizationDetails"] = null;
  const details = read("AUTHORIZATION_DETAILS");
  if (details) {
    if (providerKind !== "ansattporten") throw new SignInConfigError(`${prefix}AUTHORIZATION_DETAILS`, "is for Ansattporten only");
    const parsed = z
      .array(z.object({ type: z.enum(["ansattporten:altinn:service", "ansattporten:altinn:resource"]) }).passthrough())
      .min(1)
      .safeParse(parseJson(`${prefix}AUTHORIZATION_DETAILS`, details));
    if (!parsed.success) {
      throw new SignInConfigError(
        `${prefix}AUTHORIZATION_DETAILS`,
        'must be a JSON array of {"type":"ansattporten:altinn:service" or "ansattporten:altinn:resource", …}',
      );
    }
    authorizationDetails = parsed.data;
  }

  const agencyOrgNumber = read("AGENCY");
  if (providerKind === "entra" && !agencyOrgNumber) {
    throw new SignInConfigError(`${prefix}AGENCY`, "must name the organisation number of the agency whose tenant this is");
  }
  if (agencyOrgNumber && !/^\d{9}$/.test(agencyOrgNumber))
    throw new SignInConfigError(`${prefix}AGENCY`, "must be a nine-digit organisation number");

  const minutes = (name: "MAX_MINUTES" | "IDLE_MINUTES", providerLimit: number | null) => {
    const text = read(name);
    if (!text) return providerLimit === null ? null : providerLimit * 60_000;
    const value = minutesSchema.safeParse(text);
    if (!value.success) throw new SignInConfigError(`${prefix}${name}`, "must be a positive number of minutes");
    // A setting may make the session stricter than the provider's policy, never longer.
    return Math.round(Math.min(value.data, providerLimit ?? Infinity) * 60_000);
  };
  const policy = PROVIDER_SESSION[providerKind];

  return {
    id,
    kind: providerKind,
    label: read("LABEL") ?? LABELS[providerKind],
    issuer,
    clientId,
    clientAuth: clientAuthOf(env, prefix, providerKind),
    // Entra ID gives the email (for linking by verified email) only with the email scope.
    scopes: read("SCOPES") ?? (providerKind === "entra" ? "openid profile email" : "openid profile"),
    acr,
    authorizationDetails,
    agencyOrgNumber,
    maxSessionMs: minutes("MAX_MINUTES", policy.maxMinutes),
    idleMs: minutes("IDLE_MINUTES", policy.idleMinutes),
  };
}

export function loadSignInConfig(env: Env = process.env): SignInConfig {
  const allowHttp = env.OIDC_ALLOW_HTTP === "true";
  const ids = (env.SIGN_IN_PROVIDERS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of ids) {
    if (!idSchema.safeParse(id).success) throw new SignInConfigError("SIGN_IN_PROVIDERS", `"${id}" is not a provider id (a-z, 0-9, -)`);
  }
  if (new Set(ids).size !== ids.length) throw new SignInConfigError("SIGN_IN_PROVIDERS", "names a provider twice");
  const providers = ids.map((id) => providerOf(env, id, allowHttp));
  const passwordSignIn = env.PASSWORD_SIGN_IN !== "false";
  if (!passwordSignIn && providers.length === 0) {
    throw new SignInConfigError("PASSWORD_SIGN_IN", "cannot be false when SIGN_IN_PROVIDERS names no provider: nobody could sign in");
  }
  return { passwordSignIn, allowHttp, providers };
}

let cached: SignInConfig | null = null;
/** The process's sign-in settings, read on first use (server.ts reads them at start). */
export function signInConfig(): SignInConfig {
  cached ??= loadSignInConfig();
  return cached;
}

export function findProvider(id: string | undefined): ProviderConfig | null {
  return signInConfig().providers.find((p) => p.id === id) ?? null;
}

/** Whether a returned level meets the required one (high also meets substantial). */
export function acrMeets(returned: unknown, required: AcrLevel): boolean {
  const at = ACR_LEVELS.indexOf(returned as AcrLevel);
  return at >= 0 && at >= ACR_LEVELS.indexOf(required);
}
