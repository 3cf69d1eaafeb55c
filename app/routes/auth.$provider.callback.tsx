import type { LoaderFunctionArgs } from "@remix-run/node";
import { completeProviderSignIn, providerOr404 } from "~/web/provider-sign-in.server";

/** Where the provider sends the browser back with the code (the redirect URI registered with it). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return completeProviderSignIn(request, context, providerOr404(params.provider));
}
