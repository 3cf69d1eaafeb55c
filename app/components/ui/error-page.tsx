import { Link as RemixLink } from "@remix-run/react";
import { Heading, Link, Paragraph } from "@digdir/designsystemet-react";
import { useI18n } from "~/i18n/use-t";

const KNOWN = [400, 403, 404, 409] as const;
type Code = (typeof KNOWN)[number] | 500;

function codeOf(status: number): Code {
  return KNOWN.find((known) => known === status) ?? 500;
}

/** 400/403/404/500 pages in the user's language; never a stack trace. */
export function ErrorPage({ status }: { status: number }) {
  const { t } = useI18n();
  const code = codeOf(status);
  return (
    <main id="main" tabIndex={-1} className="page skip-link-target">
      <div className="stack-sm">
        <Paragraph className="muted">{status}</Paragraph>
        <Heading level={1} data-size="lg">
          {t(`error.${code}.title`)}
        </Heading>
        <Paragraph>{t(`error.${code}.text`)}</Paragraph>
        <Paragraph>
          <Link asChild>
            <RemixLink to="/">{t("error.backHome")}</RemixLink>
          </Link>
        </Paragraph>
      </div>
    </main>
  );
}
