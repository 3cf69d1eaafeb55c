import type { LoaderFunctionArgs } from "@remix-run/node";
import { endProviderSessions } from "~/models/sessions.server";
import { issuerOf } from "~/web/oidc-client.server";
import { providerOr404 } from "~/web/provider-sign-in.server";
import { translatorFor } from "~/web/locale.server";

/**
 * OpenID Connect Front-Channel Logout: the provider's logout page loads this in a frame with its
 * issuer and the session id (`sid`) it gave at sign-in, and every portal session started in that
 * provider session ends. The session cookie is not sent in a frame from another site, so the `sid`
 * is what finds the session; the issuer must be the provider's own.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const provider = providerOr404(params.provider);
  const url = new URL(request.url);
  const iss = url.searchParams.get("iss");
  const sid = url.searchParams.get("sid");
  const headers = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" };
  if (!sid || sid.length > 300 || (iss !== null && iss !== (await issuerOf(provider).catch(() => null)))) {
    return new Response("<!doctype html><title>400</title>", { status: 400, headers });
  }
  endProviderSessions({ provider: provider.id, sid });
  const { locale, t } = await translatorFor(request);
  return new Response(
    `<!doctype html><html lang="${locale}"><title>${t("signIn.frontchannelDone")}</title><p>${t("signIn.frontchannelDone")}</p></html>`,
    {
      status: 200,
      headers,
    },
  );
}
