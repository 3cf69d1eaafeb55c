import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import dsCss from "@digdir/designsystemet-css/index.css";
import themeCss from "@digdir/designsystemet-css/theme.css";
import fontsCss from "~/styles/fonts.css";
import appCss from "~/styles/app.css";
import { DEFAULT_LOCALE, LANGUAGE_TAGS, translator, type Locale } from "~/i18n";
import { getSessionUser } from "~/web/session.server";
import { resolveLocale } from "~/web/locale.server";
import { SiteHeader } from "~/components/ui/site-header";
import { ErrorPage } from "~/components/ui/error-page";
import { useNonce } from "~/web/nonce";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  // Every weight the pages use, so no text is set again in Inter (and moves) after the page is shown.
  ...[400, 500, 600, 700].map((weight) => ({
    rel: "preload",
    href: `/fonts/inter-latin-${weight}-normal.woff2`,
    as: "font",
    type: "font/woff2",
    crossOrigin: "anonymous" as const,
  })),
  { rel: "stylesheet", href: fontsCss },
  { rel: "stylesheet", href: dsCss },
  { rel: "stylesheet", href: themeCss },
  { rel: "stylesheet", href: appCss },
];

export const meta: MetaFunction = () => [{ title: "Samhandlingsportalen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSessionUser(request);
  const locale = await resolveLocale(request, session?.user.locale);
  const url = new URL(request.url);
  return {
    locale,
    currentPath: `${url.pathname}${url.search}`,
    user: session ? { name: session.user.name, email: session.user.email, isAdmin: session.user.isAdmin } : null,
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
  const t = translator(locale);
  const nonce = useNonce();
  useEffect(() => {
    // Tests wait for this before they click: React handles events only after hydration.
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={LANGUAGE_TAGS[locale]} data-color-scheme="light">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <SiteHeader user={data?.user ?? null} locale={locale} currentPath={data?.currentPath ?? "/"} t={t} />
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // In the browser; on the server entry.server.tsx logs it with the request id.
  if (!isRouteErrorResponse(error) && typeof document !== "undefined") console.error(error);
  return <ErrorPage status={status} />;
}
