import { useCallback, useEffect, useState } from "react";
import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import type { MessageKey } from "~/i18n";
import { useI18n } from "~/i18n/use-t";

/**
 * The browser side of a passkey ceremony: whether the browser can take part, the JSON calls to the
 * portal's ceremony endpoints, and the words for what the browser refused.
 */

/** Null until the page has hydrated (no button that does nothing), then whether WebAuthn is there. */
export function useWebAuthnSupport(): boolean | null {
  const [supported, setSupported] = useState<boolean | null>(null);
  useEffect(() => setSupported(browserSupportsWebAuthn()), []);
  return supported;
}

interface Answer<V> {
  ok: boolean;
  message: string | null;
  errors: Record<string, string>;
  value?: V;
}

export class CeremonyRefused extends Error {
  constructor(
    readonly errors: Record<string, string>,
    readonly status: number,
  ) {
    super(Object.values(errors)[0] ?? "refused");
  }
}

/** One step of a ceremony: the portal's answer, or CeremonyRefused with its words. */
export async function postCeremony<V>(url: string, body: unknown): Promise<Answer<V>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => null)) as Answer<V> | null;
  if (!response.ok || !answer?.ok) throw new CeremonyRefused(answer?.errors ?? {}, response.status);
  return answer;
}

/** The words for what went wrong in the browser: cancelled or timed out, already registered, or refused. */
function browserErrorKey(error: unknown): MessageKey {
  const name = error instanceof Error ? error.name : "";
  if (error instanceof TypeError) return "passkeys.offline";
  if (name === "NotAllowedError" || name === "AbortError") return "passkeys.cancelled";
  if (name === "InvalidStateError") return "passkeys.excluded";
  return "passkeys.browserRefused";
}

/** Runs a ceremony with a busy state and one message (an error for the whole form, or by field). */
export function useCeremony() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [expired, setExpired] = useState(false);
  const run = useCallback(
    async (ceremony: () => Promise<void>) => {
      setBusy(true);
      setErrors({});
      try {
        await ceremony();
      } catch (error) {
        if (error instanceof CeremonyRefused) {
          setErrors(Object.keys(error.errors).length > 0 ? error.errors : { form: t("passkeys.invalid") });
          setExpired(error.status === 401);
        } else {
          setErrors({ form: t(browserErrorKey(error)) });
        }
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  return { busy, errors, expired, run, refuse: setErrors };
}
