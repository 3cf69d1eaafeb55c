import { Link as RemixLink } from "@remix-run/react";
import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { Alert, Button, Link, Paragraph } from "@digdir/designsystemet-react";
import { useI18n } from "~/i18n/use-t";
import { postCeremony, useCeremony, useWebAuthnSupport } from "./passkey-ceremony";

/** The passkey after a correct password; the pending step is this browser's (see /login/passkey). */
export function PasskeySecondStep() {
  const { t } = useI18n();
  const supported = useWebAuthnSupport();
  const { busy, errors, expired, run } = useCeremony();
  const confirm = () =>
    run(async () => {
      const options = await postCeremony<PublicKeyCredentialRequestOptionsJSON>("/passkeys/second-step", { step: "options" });
      const response = await startAuthentication({ optionsJSON: options.value! });
      const done = await postCeremony<{ redirectTo: string }>("/passkeys/second-step", { step: "verify", response });
      window.location.assign(done.value!.redirectTo);
    });
  return (
    <div className="stack-sm">
      {errors.form ? (
        <Alert data-color="danger" role="alert">
          {errors.form}
        </Alert>
      ) : null}
      {supported === false ? <Paragraph>{t("passkeys.unsupported")}</Paragraph> : null}
      {supported && !expired ? (
        <div>
          <Button type="button" onClick={confirm} loading={busy}>
            {t("passkeys.stepButton")}
          </Button>
        </div>
      ) : null}
      <div role="status" className="visually-hidden">
        {busy ? t("passkeys.working") : ""}
      </div>
      <Paragraph data-size="sm">{t("passkeys.lostDevice")}</Paragraph>
      <Paragraph data-size="sm">
        <Link asChild>
          <RemixLink to="/login">{t("passkeys.stepRestart")}</RemixLink>
        </Link>
      </Paragraph>
    </div>
  );
}
