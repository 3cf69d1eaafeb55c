/**
 * Reading what a provider says about a person, without trusting its shape: the organisation an
 * Ansattporten user acts for, their name and email. Only values that fit are returned.
 */
import { z } from "zod";

/** "0192:974760223" (ISO 6523 ICD 0192, the Norwegian register) or a bare nine-digit number. */
function orgNumberOf(id: unknown): string | null {
  if (typeof id !== "string") return null;
  const match = /^(?:0192:)?(\d{9})$/.exec(id.trim());
  return match ? match[1] : null;
}

const detailSchema = z
  .object({
    type: z.string(),
    // ansattporten:altinn:service
    reportees: z.array(z.object({ ID: z.unknown() }).passthrough()).optional(),
    // ansattporten:altinn:resource
    authorized_parties: z.array(z.object({ orgno: z.object({ ID: z.unknown() }).passthrough().optional() }).passthrough()).optional(),
  })
  .passthrough();

/**
 * The organisations (nine-digit numbers) the person chose to act for and holds the requested right
 * in. Since 2024 Ansattporten signs a person in even without the right: the list is then empty.
 */
export function actingOrganisations(...sources: unknown[]): string[] {
  const found = new Set<string>();
  for (const source of sources) {
    if (!Array.isArray(source)) continue;
    for (const item of source) {
      const detail = detailSchema.safeParse(item);
      if (!detail.success || !detail.data.type.startsWith("ansattporten:altinn:")) continue;
      for (const reportee of detail.data.reportees ?? []) {
        const org = orgNumberOf(reportee.ID);
        if (org) found.add(org);
      }
      for (const party of detail.data.authorized_parties ?? []) {
        const org = orgNumberOf(party.orgno?.ID);
        if (org) found.add(org);
      }
    }
  }
  return [...found];
}

const text = (value: unknown, max: number) => (typeof value === "string" && value.trim() ? value.trim().slice(0, max) : null);

/** The person's name as the provider gives it (ID-porten gives none). */
export function nameOf(claims: Record<string, unknown>): string | null {
  const full = text(claims.name, 200);
  if (full) return full;
  const parts = [text(claims.given_name, 100), text(claims.family_name, 100)].filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : null;
}

/** The email the provider vouches for: lower case, and not one it says is unverified. */
export function verifiedEmailOf(claims: Record<string, unknown>): string | null {
  if (claims.email_verified === false) return null;
  const email = z
    .email()
    .max(254)
    .safeParse(typeof claims.email === "string" ? claims.email.trim().toLowerCase() : null);
  return email.success ? email.data : null;
}
