/**
 * Keys. Each issuer signs with its own RSA key made at start (never written anywhere). The portal's
 * private_key_jwt client key is kept in a file so that the portal and the provider, two processes,
 * use the same pair: made once, then read. Only node:crypto, so playwright.config.ts can load it.
 */
import { createHash, generateKeyPairSync, type JsonWebKey } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export interface RsaJwk extends JsonWebKey {
  kty: "RSA";
  kid: string;
  alg: "RS256";
  use: "sig";
}

function newRsaJwk(): RsaJwk {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = privateKey.export({ format: "jwk" });
  const kid = createHash("sha256").update(String(jwk.n)).digest("base64url").slice(0, 16);
  return { ...jwk, kty: "RSA", kid, alg: "RS256", use: "sig" };
}

export function publicPart(jwk: RsaJwk): RsaJwk {
  const { kty, n, e, kid, alg, use } = jwk;
  return { kty, n, e, kid, alg, use };
}

/** A fresh signing key set for one issuer. */
export function signingJwks(): { keys: RsaJwk[] } {
  return { keys: [newRsaJwk()] };
}

/** The client's private key at `path`: read when it is there, made and written (mode 600) when not. */
export function ensureClientKey(path: string): RsaJwk {
  if (existsSync(path)) {
    const stored = JSON.parse(readFileSync(path, "utf8")) as RsaJwk;
    if (stored.kty === "RSA" && stored.d && stored.kid) return stored;
  }
  const jwk = newRsaJwk();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600 });
  return jwk;
}
