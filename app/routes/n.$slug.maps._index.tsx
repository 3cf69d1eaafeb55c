import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading, Link, Paragraph, Table, Textfield } from "@digdir/designsystemet-react";
import { z } from "zod";
import { Page } from "~/components/ui/page";
import { useI18n } from "~/i18n/use-t";
import { createMap, listMaps } from "~/models/maps.server";
import { can } from "~/models/permissions.server";
import { requireMember } from "~/utils/access.server";
import { parseForm } from "~/utils/forms.server";
import { runModel } from "~/utils/http.server";
import { requiredText } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "Tjenestekjedekart – Samhandlingsportalen" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "maps.view");
  return { slug: actor.networkSlug, maps: listMaps({ actor }), canEdit: can(actor.role, "maps.edit") };
}

const CreateSchema = z.object({ title: requiredText(150) });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "maps.edit");
  const parsed = parseForm(CreateSchema, await request.formData(), t);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const result = await runModel(t, () => createMap({ actor, title: parsed.data.title }));
  if (!result.ok) return data({ errors: result.errors }, { status: 400 });
  return redirect(`/n/${actor.networkSlug}/maps/${result.value.id}`);
}

export default function Maps() {
  const { t, dateTime } = useI18n();
  const { slug, maps, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <Page title={t("maps.title")} lead={t("maps.intro")}>
      {maps.length === 0 ? (
        <Paragraph>{t("maps.none")}</Paragraph>
      ) : (
        <div className="table-wrap">
          <Table>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("maps.title")}</Table.HeaderCell>
                <Table.HeaderCell>{t("maps.updated")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {maps.map((m) => (
                <Table.Row key={m.id}>
                  <Table.Cell>
                    <Link asChild>
                      <RemixLink to={`/n/${slug}/maps/${m.id}`}>{m.title}</RemixLink>
                    </Link>
                  </Table.Cell>
                  <Table.Cell>{dateTime(m.updatedAt)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      {canEdit ? (
        <section aria-labelledby="new-map" className="stack-sm">
          <Heading level={2} data-size="sm" id="new-map">
            {t("maps.new")}
          </Heading>
          <Form method="post" className="row" noValidate>
            <Textfield id="map-title" name="title" label={t("maps.newTitle")} error={actionData?.errors?.title} />
            <div>
              <Button type="submit">{t("maps.create")}</Button>
            </div>
          </Form>
        </section>
      ) : null}
    </Page>
  );
}
