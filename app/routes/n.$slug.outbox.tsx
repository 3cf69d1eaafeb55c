import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Alert, Details, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Page } from "~/components/ui/page";
import { useI18n } from "~/i18n/use-t";
import { listOutbox } from "~/models/outbox.server";
import { requireMember } from "~/web/access.server";
import { loadConfig } from "~/utils/config.server";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "outbox.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "outbox.view");
  return { smtpConfigured: loadConfig().smtpUrl !== null, emails: listOutbox({ actor }) };
}

export default function Outbox() {
  const { t, dateTime } = useI18n();
  const { smtpConfigured, emails } = useLoaderData<typeof loader>();
  return (
    <Page title={t("outbox.title")} lead={t("outbox.intro")}>
      <Alert data-color={smtpConfigured ? "info" : "warning"}>{smtpConfigured ? t("outbox.smtp") : t("outbox.noSmtp")}</Alert>
      {emails.length === 0 ? <Paragraph>{t("outbox.empty")}</Paragraph> : null}
      <ul className="stack-sm" style={{ listStyle: "none", padding: 0 }}>
        {emails.map((email) => (
          <li key={email.id}>
            <Details>
              <Details.Summary>
                {email.subject} – {email.to}{" "}
                {email.sentAt ? (
                  <Tag data-color="success">{t("outbox.sent", { time: dateTime(email.sentAt) })}</Tag>
                ) : email.lastError ? (
                  <Tag data-color="danger">{t("outbox.failed", { attempts: email.attempts, error: email.lastError })}</Tag>
                ) : (
                  <Tag data-color="neutral">{t("outbox.pending")}</Tag>
                )}
              </Details.Summary>
              <Details.Content>
                <Paragraph data-size="sm" className="muted">
                  {t("outbox.to")}: {email.to} · {t("outbox.created")}: {dateTime(email.createdAt)}
                </Paragraph>
                <pre className="email-body">{email.text}</pre>
              </Details.Content>
            </Details>
          </li>
        ))}
      </ul>
    </Page>
  );
}
