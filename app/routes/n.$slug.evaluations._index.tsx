import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading, Paragraph, Table, Tag, Textfield } from "@digdir/designsystemet-react";
import { FormErrors } from "~/components/ui/form-errors";
import { Page } from "~/components/ui/page";
import { useI18n } from "~/i18n/use-t";
import { createSurvey, listSurveys } from "~/models/evaluations.server";
import { can } from "~/models/permissions.server";
import { requireMember } from "~/web/access.server";
import { refused } from "~/web/actions.server";
import { errorsOf } from "~/web/answer";
import { parseForm } from "~/web/forms.server";
import { runModel } from "~/web/http.server";
import { optionalText, requiredText } from "~/web/validation";
import { z } from "zod";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "evaluations.pageTitle");

const NewSurveySchema = z.object({ title: requiredText(200), intro: optionalText(2000) });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "evaluations.view");
  return { slug: actor.networkSlug, surveys: listSurveys({ actor }), canManage: can(actor.role, "evaluations.manage") };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "evaluations.manage");
  const parsed = parseForm(NewSurveySchema, await request.formData(), t);
  if (!parsed.ok) return refused(parsed.errors);
  const created = await runModel(t, () => createSurvey({ actor, ...parsed.data }));
  if (!created.ok) return refused(created.errors, { status: created.status });
  // The new survey's own page is where it is built.
  return redirect(`/n/${actor.networkSlug}/evaluations/${created.value.id}?done=created`);
}

export default function Evaluations() {
  const { t, date } = useI18n();
  const { slug, surveys, canManage } = useLoaderData<typeof loader>();
  const errors = errorsOf(useActionData<typeof action>());
  return (
    <Page title={t("evaluations.pageTitle")} lead={t("evaluations.pageIntro")}>
      {surveys.length === 0 ? (
        <Paragraph>{t("evaluations.none")}</Paragraph>
      ) : (
        <div className="table-wrap">
          <Table data-size="sm">
            <caption className="visually-hidden">{t("evaluations.pageTitle")}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("evaluations.title")}</Table.HeaderCell>
                <Table.HeaderCell>{t("evaluations.status")}</Table.HeaderCell>
                <Table.HeaderCell>{t("evaluations.period")}</Table.HeaderCell>
                <Table.HeaderCell>{canManage ? t("evaluations.responses") : t("evaluations.yourAnswer")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {surveys.map((s) => (
                <Table.Row key={s.id}>
                  <Table.Cell>
                    <RemixLink className="ds-link" to={`/n/${slug}/evaluations/${s.id}`}>
                      {s.title}
                    </RemixLink>
                  </Table.Cell>
                  <Table.Cell>
                    <Tag data-color={s.phase === "open" ? "success" : s.phase === "closed" ? "neutral" : "info"}>
                      {t(`evaluations.phase.${s.phase}`)}
                    </Tag>
                  </Table.Cell>
                  <Table.Cell>
                    {s.opensOn && s.closesOn ? t("evaluations.dates", { from: date(s.opensOn), to: date(s.closesOn) }) : "–"}
                  </Table.Cell>
                  <Table.Cell>
                    {canManage
                      ? s.status === "draft"
                        ? "–"
                        : t("evaluations.rate", { count: s.responses, invited: s.invitedCount })
                      : s.answered
                        ? t("evaluations.answered")
                        : s.invited && s.phase === "open"
                          ? t("evaluations.notAnswered")
                          : "–"}
                    {s.resultsShared ? ` · ${t("evaluations.resultsShared")}` : ""}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      {canManage ? (
        <section aria-labelledby="new-survey" className="stack-sm">
          <Heading level={2} data-size="sm" id="new-survey">
            {t("evaluations.new")}
          </Heading>
          <Paragraph data-size="sm">{t("evaluations.newHelp")}</Paragraph>
          <Form method="post" className="form" noValidate>
            <FormErrors errors={errors} />
            <Textfield id="title" name="title" label={t("evaluations.title")} maxLength={200} error={errors.title} />
            <Textfield id="intro" name="intro" label={t("evaluations.intro")} multiline rows={3} maxLength={2000} error={errors.intro} />
            <div>
              <Button type="submit">{t("evaluations.create")}</Button>
            </div>
          </Form>
        </section>
      ) : null}
    </Page>
  );
}
