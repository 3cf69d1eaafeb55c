import { Alert, Button, Heading } from "@digdir/designsystemet-react";
import { useI18n } from "~/i18n/use-t";
import type { RefusalReason } from "~/utils/sign-in-refusals";

export interface ProviderChoice {
  id: string;
  label: string;
}

/**
 * One button per configured provider. Links, not forms: starting a sign-in changes nothing a
 * stranger could abuse, and the provider's pages are on another origin.
 */
export function ProviderButtons({
  providers,
  redirectTo,
  invitation,
  link,
  headingKey = "signIn.providersHeading",
}: {
  providers: ProviderChoice[];
  redirectTo?: string;
  invitation?: string;
  link?: boolean;
  headingKey?: "signIn.providersHeading" | "accept.orProvider" | "signIns.linkHeading";
}) {
  const { t } = useI18n();
  if (providers.length === 0) return null;
  const query = new URLSearchParams();
  if (redirectTo && redirectTo !== "/") query.set("redirectTo", redirectTo);
  if (invitation) query.set("invitation", invitation);
  if (link) query.set("link", "1");
  const search = query.size > 0 ? `?${query}` : "";
  return (
    <section aria-labelledby="provider-sign-in" className="stack-sm">
      <Heading level={2} data-size="xs" id="provider-sign-in">
        {t(headingKey)}
      </Heading>
      <div className="row">
        {providers.map((provider) => (
          <Button key={provider.id} asChild variant={link ? "secondary" : "primary"}>
            <a href={`/auth/${provider.id}${search}`}>{t(link ? "signIns.link" : "signIn.with", { provider: provider.label })}</a>
          </Button>
        ))}
      </div>
    </section>
  );
}

/** Why the last sign-in through a provider was refused, in the person's language. */
export function RefusedSignIn({ reason }: { reason: RefusalReason | null }) {
  const { t } = useI18n();
  if (!reason) return null;
  return (
    <Alert data-color="danger" role="alert">
      <Heading level={2} data-size="xs">
        {t("signIn.refusedTitle")}
      </Heading>
      {t(`signIn.refused.${reason}`)}
    </Alert>
  );
}
