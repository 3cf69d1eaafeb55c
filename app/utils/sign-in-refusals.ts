/** Why a sign-in through a provider was refused; each reason has a message `signIn.refused.<reason>`. Client-safe. */
export const REFUSAL_REASONS = [
  "cancelled",
  "failed",
  "noPending",
  "acr",
  "noOrganisation",
  "unknownOrganisation",
  "wrongOrganisation",
  "notLinked",
  "notMember",
  "invitation",
  "existingAccount",
  "linkedElsewhere",
  "unavailable",
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export function isRefusalReason(value: unknown): value is RefusalReason {
  return typeof value === "string" && (REFUSAL_REASONS as readonly string[]).includes(value);
}
