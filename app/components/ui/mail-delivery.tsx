import { useEffect } from "react";
import { useRevalidator } from "@remix-run/react";
import { Link, Paragraph } from "@digdir/designsystemet-react";
import { Link as RemixLink } from "@remix-run/react";
import { useI18n } from "~/i18n/use-t";

export interface MailDeliveryStatus {
  sent: number;
  waiting: number;
  retrying: number;
  failed: number;
  mailServer: boolean;
}

/** How often the page asks again while mail is still on its way. */
const REFRESH_MS = 3_000;

/**
 * What became of the mail a page sent: delivered, waiting (in the outbox, or retrying after a
 * failure) and given up, with the way to the outbox. Refreshes itself while mail waits for a server.
 */
export function MailDelivery({ status, outboxHref, label }: { status: MailDeliveryStatus; outboxHref: string; label: string }) {
  const { t } = useI18n();
  const revalidator = useRevalidator();
  const moving = status.mailServer && status.waiting > 0;
  useEffect(() => {
    if (!moving) return;
    const timer = setTimeout(() => revalidator.state === "idle" && revalidator.revalidate(), REFRESH_MS);
    return () => clearTimeout(timer);
  }, [moving, revalidator, status.sent, status.waiting]);
  return (
    <section aria-labelledby="mail-delivery-heading" className="stack-sm no-print mail-delivery" data-testid="mail-delivery">
      <Paragraph id="mail-delivery-heading" data-size="sm">
        <strong>{label}</strong>
      </Paragraph>
      <Paragraph data-size="sm" role="status">
        {[
          t("mail.delivered", { count: status.sent }),
          status.waiting ? t("mail.waiting", { count: status.waiting }) : null,
          status.retrying ? t("mail.retrying", { count: status.retrying }) : null,
          status.failed ? t("mail.failed", { count: status.failed }) : null,
        ]
          .filter(Boolean)
          .join(" · ")}
      </Paragraph>
      {!status.mailServer && status.waiting ? <Paragraph data-size="sm">{t("mail.noServer")}</Paragraph> : null}
      <Paragraph data-size="sm">
        <Link asChild>
          <RemixLink to={outboxHref}>{t("mail.seeOutbox")}</RemixLink>
        </Link>
      </Paragraph>
    </section>
  );
}
