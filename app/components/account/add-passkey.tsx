import { useRef } from "react";
import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/browser";
import { Alert, Button, Heading, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useI18n } from "~/i18n/use-t";
import { postCeremony, useCeremony, useWebAuthnSupport } from "./passkey-ceremony";

/** The form that adds a passkey under a name; `onAdded` gets the portal's confirmation. */
export function AddPasskey({ onAdded }: { onAdded: (message: string) => void }) {
  const { t } = useI18n();
  const supported = useWebAuthnSupport();
  const { busy, errors, run, refuse } = useCeremony();
  const nameRef = useRef<HTMLInputElement>(null);
  const add = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = nameRef.current;
    const name = input?.value.trim() ?? "";
    // Before the device makes a passkey, so none is left behind on it for a refused name.
    if (!name) {
      refuse({ name: t("passkeys.nameMissing") });
      input?.focus();
      return;
    }
    void run(async () => {
      const options = await postCeremony<PublicKeyCredentialCreationOptionsJSON>("/passkeys/register", { step: "options" });
      const response = await startRegistration({ optionsJSON: options.value! });
      const done = await postCeremony("/passkeys/register", { step: "verify", name, response });
      if (input) input.value = "";
      onAdded(done.message ?? "");
    });
  };
  return (
    <section aria-labelledby="add-passkey-heading" className="stack-sm">
      <Heading level={2} data-size="xs" id="add-passkey-heading">
        {t("passkeys.addTitle")}
      </Heading>
      {supported === false ? <Paragraph>{t("passkeys.unsupportedAdd")}</Paragraph> : null}
      {supported ? (
        <form className="form" onSubmit={add} noValidate>
          {errors.form ? (
            <Alert data-color="danger" role="alert">
              {errors.form}
            </Alert>
          ) : null}
          <Textfield
            ref={nameRef}
            id="passkey-name"
            name="name"
            label={t("passkeys.addName")}
            description={t("passkeys.addNameHint")}
            error={errors.name}
            maxLength={60}
            autoComplete="off"
            required
          />
          <div>
            <Button type="submit" loading={busy}>
              {t("passkeys.add")}
            </Button>
          </div>
          <div role="status" className="visually-hidden">
            {busy ? t("passkeys.working") : ""}
          </div>
        </form>
      ) : null}
    </section>
  );
}
