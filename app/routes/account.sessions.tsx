import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Link, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { z } from "zod";
import { Page } from "~/components/ui/page";
import { FormErrors } from "~/components/ui/form-errors";
import { SuccessMessage } from "~/components/ui/success-message";
import { useI18n } from "~/i18n/use-t";
import { listSessions, revokeOtherSessions, revokeSession } from "~/models/sessions.server";
import { requireUser } from "~/web/access.server";
import { signInConfig } from "~/utils/sign-in-config.server";
import { answer, intentOf, refused } from "~/web/actions.server";
import { errorsOf, messageOf } from "~/web/answer";
import { parseForm } from "~/web/forms.server";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "sessions.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor, sessionId } = await requireUser(request, context);
  return { sessions: listSessions({ actor }), currentSessionId: sessionId, hasProviders: signInConfig().providers.length > 0 };
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("revoke"), sessionId: z.string().uuid() }),
  z.object({ intent: z.literal("revoke-others") }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor, sessionId, t } = await requireUser(request, context);
  const form = await request.formData();
  const intent = intentOf(form);
  const parsed = parseForm(ActionSchema, form, t);
  if (!parsed.ok) return refused(parsed.errors, { intent });
  const input = parsed.data;
  if (input.intent === "revoke-others") {
    const message = (count: number) => t("sessions.revokedOthers", { count });
    return answer(t, () => revokeOtherSessions({ actor, currentSessionId: sessionId }), { intent, message });
  }
  return answer(t, () => revokeSession({ actor, sessionId: input.sessionId }), { intent, message: t("sessions.revoked") });
}

/** A readable name for a browser from its user agent. */
function describeAgent(userAgent: string) {
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrome\/|Chromium\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : null;
  // iOS before macOS: iPhone user agents also say "like Mac OS X".
  const os = /iPhone|iPad/.test(userAgent)
    ? "iOS"
    : /Android/.test(userAgent)
      ? "Android"
      : /Windows/.test(userAgent)
        ? "Windows"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  if (browser && os) return `${browser} (${os})`;
  return browser ?? os ?? (userAgent.slice(0, 60) || "–");
}

export default function Sessions() {
  const { t, dateTime } = useI18n();
  const { sessions, currentSessionId, hasProviders } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <Page title={t("sessions.title")} lead={t("sessions.intro")}>
      <SuccessMessage message={messageOf(actionData)} />
      <FormErrors errors={errorsOf(actionData)} />
      <div className="table-wrap">
        <Table zebra>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t("sessions.device")}</Table.HeaderCell>
              <Table.HeaderCell>{t("sessions.ip")}</Table.HeaderCell>
              <Table.HeaderCell>{t("sessions.created")}</Table.HeaderCell>
              <Table.HeaderCell>{t("sessions.lastSeen")}</Table.HeaderCell>
              <Table.HeaderCell>
                <span className="visually-hidden">{t("members.actions")}</span>
              </Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {sessions.map((session) => (
              <Table.Row key={session.id}>
                <Table.Cell>
                  {describeAgent(session.userAgent)}{" "}
                  {session.id === currentSessionId ? <Tag data-color="success">{t("sessions.current")}</Tag> : null}
                </Table.Cell>
                <Table.Cell>{session.ip || "–"}</Table.Cell>
                <Table.Cell>{dateTime(session.createdAt)}</Table.Cell>
                <Table.Cell>{dateTime(session.lastSeenAt)}</Table.Cell>
                <Table.Cell>
                  {session.id === currentSessionId ? null : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="sessionId" value={session.id} />
                      <Button type="submit" variant="secondary" data-size="sm">
                        {t("sessions.revoke")}
                        <span className="visually-hidden"> {describeAgent(session.userAgent)}</span>
                      </Button>
                    </Form>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
      {sessions.length > 1 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="revoke-others" />
          <Button type="submit" variant="secondary">
            {t("sessions.revokeOthers")}
          </Button>
        </Form>
      ) : null}
      <Paragraph>
        <Link asChild>
          <RemixLink to="/account/passkeys">{t("passkeys.sessionsLink")}</RemixLink>
        </Link>
      </Paragraph>
      {hasProviders ? (
        <Paragraph>
          <Link asChild>
            <RemixLink to="/account/sign-ins">{t("signIns.sessionsLink")}</RemixLink>
          </Link>
        </Paragraph>
      ) : null}
    </Page>
  );
}
