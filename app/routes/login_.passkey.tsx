import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Page } from "~/components/ui/page";
import { PasskeySecondStep } from "~/components/account/passkey-second-step";
import { useI18n } from "~/i18n/use-t";
import { hasPendingSecondStep } from "~/models/passkey-sign-in.server";
import { currentCeremony } from "~/web/passkey-ceremony.server";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "passkeys.stepTitle");

/** The second step after a correct password: only for the browser whose password it was, for five minutes. */
export async function loader({ request }: LoaderFunctionArgs) {
  const ceremony = await currentCeremony(request);
  if (!ceremony || !hasPendingSecondStep(ceremony.browserToken)) throw redirect("/login");
  return null;
}

export default function PasskeyStep() {
  const { t } = useI18n();
  return (
    <Page title={t("passkeys.stepTitle")} lead={t("passkeys.stepIntro")}>
      <PasskeySecondStep />
    </Page>
  );
}
