/**
 * A software authenticator for model tests: makes ES256 passkeys and answers registration and
 * authentication options the way a browser and an authenticator would ("none" attestation), so the
 * server's checks run for real. Each answer can be bent (another origin, a counter going backwards).
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";

type Cbor = number | string | Uint8Array | Map<number | string, Cbor> | { [key: string]: Cbor };

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 256) return Buffer.from([(major << 5) | 24, length]);
  const b = Buffer.alloc(3);
  b[0] = (major << 5) | 25;
  b.writeUInt16BE(length, 1);
  return b;
}

/** The little CBOR WebAuthn needs: small integers, byte and text strings, maps. */
function cbor(value: Cbor): Buffer {
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest();
const b64url = (data: Buffer | Uint8Array) => Buffer.from(data).toString("base64url");

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

export interface SoftPasskey {
  id: string;
  privateKey: KeyObject;
  publicJwk: { x: string; y: string };
  counter: number;
  userHandle: string | null;
}

export function makeSoftPasskey(): SoftPasskey {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  return { id: b64url(randomBytes(16)), privateKey, publicJwk: { x: jwk.x!, y: jwk.y! }, counter: 0, userHandle: null };
}

function clientData(type: string, challenge: string, origin: string) {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

function flagsOf(userVerified: boolean) {
  return FLAG_UP | (userVerified ? FLAG_UV : 0);
}

/** The authenticator's answer to navigator.credentials.create(). */
export function softRegister(
  passkey: SoftPasskey,
  options: PublicKeyCredentialCreationOptionsJSON,
  { origin, rpId = new URL(origin).hostname, userVerified = true }: { origin: string; rpId?: string; userVerified?: boolean },
): RegistrationResponseJSON {
  const credentialId = Buffer.from(passkey.id, "base64url");
  const coseKey = new Map<number, Cbor>([
    [1, 2],
    [3, -7],
    [-1, 1],
    [-2, Buffer.from(passkey.publicJwk.x, "base64url")],
    [-3, Buffer.from(passkey.publicJwk.y, "base64url")],
  ]);
  const counter = Buffer.alloc(4);
  counter.writeUInt32BE(passkey.counter);
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(credentialId.length);
  const authData = Buffer.concat([
    sha256(rpId),
    Buffer.from([flagsOf(userVerified) | FLAG_AT]),
    counter,
    Buffer.alloc(16),
    idLength,
    credentialId,
    cbor(coseKey),
  ]);
  passkey.userHandle = options.user.id;
  return {
    id: passkey.id,
    rawId: passkey.id,
    type: "public-key",
    response: {
      clientDataJSON: b64url(clientData("webauthn.create", options.challenge, origin)),
      attestationObject: b64url(cbor({ fmt: "none", attStmt: {}, authData })),
      transports: ["internal"],
    },
    clientExtensionResults: {},
  };
}

/** The authenticator's answer to navigator.credentials.get(); each use moves the counter on unless told. */
export function softAuthenticate(
  passkey: SoftPasskey,
  options: PublicKeyCredentialRequestOptionsJSON,
  {
    origin,
    rpId = new URL(origin).hostname,
    userVerified = true,
    counter = passkey.counter + 1,
  }: { origin: string; rpId?: string; userVerified?: boolean; counter?: number },
): AuthenticationResponseJSON {
  passkey.counter = counter;
  const count = Buffer.alloc(4);
  count.writeUInt32BE(counter);
  const authData = Buffer.concat([sha256(rpId), Buffer.from([flagsOf(userVerified)]), count]);
  const data = clientData("webauthn.get", options.challenge, origin);
  const signature = sign("sha256", Buffer.concat([authData, sha256(data)]), passkey.privateKey);
  return {
    id: passkey.id,
    rawId: passkey.id,
    type: "public-key",
    response: {
      clientDataJSON: b64url(data),
      authenticatorData: b64url(authData),
      signature: b64url(signature),
      userHandle: passkey.userHandle ?? undefined,
    },
    clientExtensionResults: {},
  };
}
