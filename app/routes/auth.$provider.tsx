import type { LoaderFunctionArgs } from "@remix-run/node";
import { providerOr404, startProviderSignIn } from "~/web/provider-sign-in.server";

/** Starts a sign-in through the provider: `/auth/<provider>?redirectTo=…` (or `invitation=<token>`, or `link=1`). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return startProviderSignIn(request, context, providerOr404(params.provider));
}
