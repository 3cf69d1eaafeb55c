import { isRefusalReason } from "~/utils/sign-in-refusals";
import { signInConfig } from "~/utils/sign-in-config.server";

/** What the sign-in page offers: the configured providers, whether passwords work, and why a sign-in was just refused. */
export function signInChoices(url: URL) {
  const { providers, passwordSignIn } = signInConfig();
  const reason = url.searchParams.get("refused");
  const refusal = isRefusalReason(reason) ? reason : null;
  return { providers: providers.map(({ id, label }) => ({ id, label })), passwordSignIn, refusal };
}
