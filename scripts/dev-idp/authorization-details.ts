/**
 * Ansattporten's `authorization_details` (Rich Authorization Requests, RFC 9396): what a client may
 * ask for, and the answer the issuer puts into the ID token for the organisation the person chose.
 * Since 2024 Ansattporten lets a person without the right log in and answers with empty `reportees`.
 */
import { z } from "zod";
import type { Employment } from "./identities";

export const authorizationDetailsTypes = ["ansattporten:altinn:service", "ansattporten:altinn:resource"] as const;

const requestedDetail = z.looseObject({
  type: z.enum(authorizationDetailsTypes),
  resource: z.string().min(1).max(200),
});

export const requestedDetails = z.array(requestedDetail).min(1).max(10);
export type RequestedDetails = z.infer<typeof requestedDetails>;

export interface Reportee {
  Rights: string[];
  Authority: "iso6523-actorid-upis";
  ID: string;
  Name: string;
}

export type AnsweredDetails = Array<RequestedDetails[number] & { reportees: Reportee[] }>;

/** Parses the request parameter; a message for the client's error response when it is unusable. */
export function parseRequestedDetails(raw: string): { ok: true; details: RequestedDetails } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, message: "authorization_details must be a JSON array" };
  }
  const parsed = requestedDetails.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `authorization_details is invalid at ${issue.path.join(".") || "(root)"}: ${issue.message}` };
  }
  return { ok: true, details: parsed.data };
}

export function answerDetails(requested: RequestedDetails, employment: Employment): AnsweredDetails {
  const reportees: Reportee[] =
    employment.rights.length === 0
      ? []
      : [
          {
            Rights: [...employment.rights],
            Authority: "iso6523-actorid-upis",
            ID: `0192:${employment.organisation.orgNumber}`,
            Name: employment.organisation.name,
          },
        ];
  return requested.map((detail) => ({ ...detail, reportees }));
}
