import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { Alert, Button, Paragraph } from "@digdir/designsystemet-react";
import { useI18n } from "~/i18n/use-t";
import { postCeremony, useCeremony, useWebAuthnSupport } from "./passkey-ceremony";

/** "Sign in with a passkey" below the password form: any passkey the device holds for the portal. */
export function PasskeySignIn({ redirectTo }: { redirectTo: string }) {
  const { t } = useI18n();
  const supported = useWebAuthnSupport();
  const { busy, errors, run } = useCeremony();
  if (supported === null) return null;
  if (!supported) return <Paragraph data-size="sm">{t("passkeys.unsupported")}</Paragraph>;
  const signIn = () =>
    run(async () => {
      const options = await postCeremony<PublicKeyCredentialRequestOptionsJSON>("/passkeys/sign-in", { step: "options" });
      const response = await startAuthentication({ optionsJSON: options.value! });
      const done = await postCeremony<{ redirectTo: string }>("/passkeys/sign-in", { step: "verify", response, redirectTo });
      window.location.assign(done.value!.redirectTo);
    });
  return (
    <section className="stack-sm passkey-sign-in" aria-label={t("passkeys.signIn")}>
      {errors.form ? (
        <Alert data-color="danger" role="alert">
          {errors.form}
        </Alert>
      ) : null}
      <div>
        <Button type="button" variant="secondary" onClick={signIn} loading={busy} aria-describedby="passkey-sign-in-hint">
          {t("passkeys.signIn")}
        </Button>
      </div>
      <Paragraph data-size="sm" id="passkey-sign-in-hint">
        {t("passkeys.signInHint")}
      </Paragraph>
      <div role="status" className="visually-hidden">
        {busy ? t("passkeys.working") : ""}
      </div>
    </section>
  );
}
