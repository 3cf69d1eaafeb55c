import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading, Link, Paragraph, Table, Textfield } from "@digdir/designsystemet-react";
import { z } from "zod";
import { Page } from "~/components/ui/page";
import { useI18n } from "~/i18n/use-t";
import { createMap, importMap, listMaps } from "~/models/maps.server";
import { can } from "~/models/permissions.server";
import { requireMember } from "~/web/access.server";
import { parseForm } from "~/web/forms.server";
import { runModel } from "~/web/http.server";
import { requiredText } from "~/web/validation";
import { mapJsonSchema } from "~/utils/map-schema";
import type { Actor } from "~/models/permissions.server";
import type { Translate } from "~/i18n";
import { rateLimitAnswer, retryAfterHeaders } from "~/utils/rate-limit.server";
import { pageTitle } from "~/web/page-title";

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "maps.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "maps.view");
  return { slug: actor.networkSlug, maps: listMaps({ actor }), canEdit: can(actor.role, "maps.edit") };
}

const CreateSchema = z.object({ title: requiredText(150) });

const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
async function importFromFile(request: Request, actor: Actor, t: Translate) {
  const fail = (message: string) => data({ errors: { file: message } as Record<string, string> }, { status: 400 });
  const limited = rateLimitAnswer("uploads", actor.userId, t, (message) => ({ errors: { file: message } as Record<string, string> }));
  if (limited) return limited;
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_IMPORT_BYTES + 16 * 1024) return fail(t("maps.importTooLarge"));
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }));
  } catch (error) {
    return fail(error instanceof MaxPartSizeExceededError ? t("maps.importTooLarge") : t("maps.importInvalid"));
  }
  const file = form.get("file");
  if (!file || typeof file === "string") return fail(t("maps.importInvalid"));
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch {
    return fail(t("maps.importInvalid"));
  }
  const parsed = mapJsonSchema.safeParse(json);
  if (!parsed.success) return fail(t("maps.importInvalid"));
  const result = await runModel(t, () => importMap({ actor, json: parsed.data, title: parsed.data.title }));
  if (!result.ok) return data({ errors: result.errors }, { status: 400 });
  return redirect(`/n/${actor.networkSlug}/maps/${result.value.id}`);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "maps.edit");
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return importFromFile(request, actor, t);
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
    <Page
      title={t("maps.title")}
      lead={t("maps.intro")}
      actions={
        <Button asChild variant="secondary">
          <RemixLink to={`/n/${slug}/maps/obstacles`}>{t("maps.obstacles")}</RemixLink>
        </Button>
      }
    >
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
            <Textfield
              id="map-title"
              name="title"
              label={t("maps.newTitle")}
              error={(actionData?.errors as Record<string, string> | undefined)?.title}
            />
            <div>
              <Button type="submit">{t("maps.create")}</Button>
            </div>
          </Form>
          <Heading level={2} data-size="sm" id="import-map">
            {t("maps.import")}
          </Heading>
          <Form method="post" encType="multipart/form-data" className="row">
            <Textfield
              id="map-file"
              name="file"
              type="file"
              accept="application/json,.json"
              label={t("maps.importFile")}
              error={(actionData?.errors as Record<string, string> | undefined)?.file}
            />
            <div>
              <Button type="submit" variant="secondary">
                {t("maps.importButton")}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
    </Page>
  );
}
