import { Form, Link as RemixLink } from "@remix-run/react";
import { Button, Link, SkipLink } from "@digdir/designsystemet-react";
import type { Locale, Translate } from "~/i18n";
import { CollapsibleMenu } from "./collapsible-menu";

interface Props {
  user: { name: string; email: string; isAdmin: boolean } | null;
  locale: Locale;
  currentPath: string;
  t: Translate;
}

/** The top bar on every page: skip link, brand, the user's menu, language switch, sign-out. */
export function SiteHeader({ user, locale, currentPath, t }: Props) {
  const other: Locale = locale === "nb" ? "en" : "nb";
  return (
    <>
      <SkipLink href="#main">{t("nav.skip")}</SkipLink>
      <header className="site-header">
        <div className="site-header__inner">
          <RemixLink to="/" className="site-header__brand">
            {t("app.name")}
          </RemixLink>
          <CollapsibleMenu id="site-menu" label={t("nav.menu")}>
            <nav aria-label={t("nav.main")} className="site-header__tools">
              {user ? (
                <>
                  <Link asChild>
                    <RemixLink to="/">{t("nav.myNetworks")}</RemixLink>
                  </Link>
                  {user.isAdmin ? (
                    <Link asChild>
                      <RemixLink to="/admin">{t("nav.admin")}</RemixLink>
                    </Link>
                  ) : null}
                  <Link asChild>
                    <RemixLink to="/account/sessions">{t("nav.sessions")}</RemixLink>
                  </Link>
                  <Link asChild>
                    <RemixLink to="/account/passkeys">{t("passkeys.link")}</RemixLink>
                  </Link>
                </>
              ) : null}
              <Form method="post" action="/language" className="inline-form" reloadDocument>
                <input type="hidden" name="redirectTo" value={currentPath} />
                <input type="hidden" name="locale" value={other} />
                <Button type="submit" variant="tertiary" data-size="sm" lang={other === "en" ? "en" : "nb"}>
                  {other === "en" ? "English" : "Norsk"}
                  <span className="visually-hidden"> – {t("lang.change")}</span>
                </Button>
              </Form>
              {user ? (
                <Form method="post" action="/logout" className="inline-form">
                  <span className="muted">{t("nav.signedInAs", { name: user.name })}</span>
                  <Button type="submit" variant="secondary" data-size="sm">
                    {t("nav.signOut")}
                  </Button>
                </Form>
              ) : null}
            </nav>
          </CollapsibleMenu>
        </div>
      </header>
    </>
  );
}
