import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading, Link, Paragraph, Table, Textfield } from "@digdir/designsystemet-react";
import { z } from "zod";
import { Page } from "~/components/ui/page";
import { useI18n } from "~/i18n/use-t";
import { createMap, importMap, listMaps } from "~/models/maps.server";
import { can } from "~/models/permissions.server";
import { requireMember } from "~/web/access.server";
import { readUpload, refused } from "~/web/actions.server";
import { errorsOf, type Answer } from "~/web/answer";
import { parseForm } from "~/web/forms.server";
import { runModel } from "~/web/http.server";
import { requiredText } from "~/web/validation";
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

/** A new empty map (a plain form), or one imported from an exported JSON file (a file upload). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "maps.edit");
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return importFromFile(request, actor, t);
  const parsed = parseForm(CreateSchema, await request.formData(), t);
  if (!parsed.ok) return refused(parsed.errors, { intent: "create" });
  return opened(actor, t, "create", () => createMap({ actor, title: parsed.data.title }));
}

async function importFromFile(request: Request, actor: Actor, t: Translate) {
  const limited = rateLimitAnswer("uploads", actor.userId, t, (file): Answer => ({
    ok: false,
    intent: "import",
    message: null,
    errors: { file },
  }));
  if (limited) return limited;
  const upload = await readUpload(request, MAX_IMPORT_BYTES, 16 * 1024);
  if (!upload.ok)
    return refused({ file: t(upload.reason === "tooLarge" ? "maps.importTooLarge" : "maps.importInvalid") }, { intent: "import" });
  const content = await upload.file.text();
  return opened(actor, t, "import", () => importMap({ actor, content }));
}

/** The new map's page, or why there is none. */
async function opened(actor: Actor, t: Translate, intent: string, make: () => { id: number }) {
  const made = await runModel(t, make);
  return made.ok ? redirect(`/n/${actor.networkSlug}/maps/${made.value.id}`) : refused(made.errors, { intent, status: made.status });
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
            <Textfield id="map-title" name="title" label={t("maps.newTitle")} error={errorsOf(actionData, "create").title} />
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
              error={errorsOf(actionData, "import").file}
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
