import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { z } from "zod";

/** The JSON bodies of the passkey ceremony endpoints: what @simplewebauthn/browser sends, bounded. */
const base64url = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/);

const transports = z.array(z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"])).max(10);

const credential = {
  id: base64url(1400).min(1),
  rawId: base64url(1400).min(1),
  type: z.literal("public-key"),
  clientExtensionResults: z.record(z.string(), z.unknown()),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
};

export const RegistrationResponseSchema = z
  .object({
    ...credential,
    response: z.object({
      clientDataJSON: base64url(8000),
      attestationObject: base64url(32_000),
      authenticatorData: base64url(32_000).optional(),
      transports: transports.optional(),
      publicKeyAlgorithm: z.number().int().optional(),
      publicKey: base64url(4000).optional(),
    }),
  })
  .transform((value) => value as RegistrationResponseJSON);

export const AuthenticationResponseSchema = z
  .object({
    ...credential,
    response: z.object({
      clientDataJSON: base64url(8000),
      authenticatorData: base64url(32_000),
      signature: base64url(2000),
      userHandle: base64url(200).optional(),
    }),
  })
  .transform((value) => value as AuthenticationResponseJSON);

export const PasskeyNameSchema = z.string().trim().min(1).max(60);

export const RegisterBody = z.discriminatedUnion("step", [
  z.object({ step: z.literal("options") }),
  z.object({ step: z.literal("verify"), name: PasskeyNameSchema, response: RegistrationResponseSchema }),
]);

export const SignInBody = z.discriminatedUnion("step", [
  z.object({ step: z.literal("options") }),
  z.object({ step: z.literal("verify"), response: AuthenticationResponseSchema, redirectTo: z.string().max(2000).optional() }),
]);

export const SecondStepBody = z.discriminatedUnion("step", [
  z.object({ step: z.literal("options") }),
  z.object({ step: z.literal("verify"), response: AuthenticationResponseSchema }),
]);
