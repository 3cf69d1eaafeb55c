import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading, Link, Table, Textfield } from "@digdir/designsystemet-react";
import { z } from "zod";
import { Page } from "~/components/ui/page";
import { SuccessMessage } from "~/components/ui/success-message";
import { FormErrors } from "~/components/ui/form-errors";
import { useI18n } from "~/i18n/use-t";
import { createAgency, createNetwork, listAllAgencies, listAllNetworks } from "~/models/networks.server";
import { requireAdmin } from "~/web/access.server";
import { answer, intentOf, refused } from "~/web/actions.server";
import { errorsOf, messageOf } from "~/web/answer";
import { parseForm } from "~/web/forms.server";
import { msg, optionalText, requiredText } from "~/web/validation";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await requireAdmin(request, context);
  return { networks: listAllNetworks({ actor }), agencies: listAllAgencies() };
}

const NetworkSchema = z.object({
  intent: z.literal("network"),
  name: requiredText(120),
  slug: z
    .string({ error: msg("validation.required") })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])$/, msg("validation.slug")),
  description: optionalText(1000),
  facilitatorEmail: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, msg("validation.tooLong", { max: 254 }))
    .refine((v) => v === "" || z.email().safeParse(v).success, msg("validation.email"))
    .optional()
    .transform((v) => v ?? ""),
});
const AgencySchema = z.object({
  intent: z.literal("agency"),
  name: requiredText(150),
  shortName: requiredText(30),
  orgNumber: z
    .string()
    .trim()
    .regex(/^(\d{9})?$/, msg("validation.orgNumber"))
    .optional()
    .transform((v) => v ?? ""),
});
const ActionSchema = z.discriminatedUnion("intent", [NetworkSchema, AgencySchema]);

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor, t } = await requireAdmin(request, context);
  const form = await request.formData();
  const intent = intentOf(form);
  const parsed = parseForm(ActionSchema, form, t);
  if (!parsed.ok) return refused(parsed.errors, { intent });
  const input = parsed.data;
  if (input.intent === "network") {
    return answer(t, () => createNetwork({ actor, ...input }), { intent, message: ({ name }) => t("admin.created", { name }) });
  }
  return answer(t, () => createAgency({ actor, ...input }), { intent, message: ({ name }) => t("admin.agencyCreated", { name }) });
}

export default function Admin() {
  const { t, date } = useI18n();
  const { networks, agencies } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const networkErrors = errorsOf(actionData, "network");
  const agencyErrors = errorsOf(actionData, "agency");
  return (
    <Page title={t("admin.title")}>
      <SuccessMessage message={messageOf(actionData)} />
      <section aria-labelledby="networks-heading" className="stack-sm">
        <Heading level={2} data-size="sm" id="networks-heading">
          {t("admin.networks")}
        </Heading>
        <div className="table-wrap">
          <Table>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("admin.networkName")}</Table.HeaderCell>
                <Table.HeaderCell>{t("admin.networkSlug")}</Table.HeaderCell>
                <Table.HeaderCell>{t("network.home.memberCount")}</Table.HeaderCell>
                <Table.HeaderCell>{t("sessions.created")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {networks.map((network) => (
                <Table.Row key={network.id}>
                  <Table.Cell>
                    <Link asChild>
                      <RemixLink to={`/n/${network.slug}`}>{network.name}</RemixLink>
                    </Link>
                  </Table.Cell>
                  <Table.Cell>{network.slug}</Table.Cell>
                  <Table.Cell>{network.members}</Table.Cell>
                  <Table.Cell>{date(network.createdAt)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      </section>
      <section aria-labelledby="create-network-heading" className="stack-sm">
        <Heading level={2} data-size="sm" id="create-network-heading">
          {t("admin.createNetwork")}
        </Heading>
        <Form method="post" className="form" noValidate>
          <FormErrors
            errors={networkErrors}
            fieldIds={{
              name: "network-name",
              slug: "network-slug",
              description: "network-description",
              facilitatorEmail: "network-facilitator",
            }}
          />
          <input type="hidden" name="intent" value="network" />
          <Textfield id="network-name" name="name" label={t("admin.networkName")} error={networkErrors.name} required />
          <Textfield
            id="network-slug"
            name="slug"
            label={t("admin.networkSlug")}
            description={t("admin.networkSlugHelp")}
            error={networkErrors.slug}
            required
          />
          <Textfield
            id="network-description"
            name="description"
            label={t("admin.networkDescription")}
            multiline
            rows={3}
            error={networkErrors.description}
          />
          <Textfield
            id="network-facilitator"
            name="facilitatorEmail"
            type="email"
            label={t("admin.firstFacilitator")}
            description={t("admin.firstFacilitatorHelp")}
            error={networkErrors.facilitatorEmail}
          />
          <div>
            <Button type="submit">{t("admin.createNetwork")}</Button>
          </div>
        </Form>
      </section>
      <section aria-labelledby="agencies-heading" className="stack-sm">
        <Heading level={2} data-size="sm" id="agencies-heading">
          {t("admin.agencies")}
        </Heading>
        <ul>
          {agencies.map((agency) => (
            <li key={agency.id}>
              {agency.name} ({agency.shortName}){agency.orgNumber ? ` – ${agency.orgNumber}` : ""}
            </li>
          ))}
        </ul>
        <Form method="post" className="form" noValidate>
          <FormErrors errors={agencyErrors} fieldIds={{ name: "agency-name", shortName: "agency-short", orgNumber: "agency-org" }} />
          <input type="hidden" name="intent" value="agency" />
          <Textfield id="agency-name" name="name" label={t("admin.agencyName")} error={agencyErrors.name} required />
          <Textfield id="agency-short" name="shortName" label={t("admin.agencyShortName")} error={agencyErrors.shortName} required />
          <Textfield
            id="agency-org"
            name="orgNumber"
            label={t("admin.agencyOrgNumber")}
            inputMode="numeric"
            error={agencyErrors.orgNumber}
          />
          <div>
            <Button type="submit">{t("admin.createAgency")}</Button>
          </div>
        </Form>
      </section>
    </Page>
  );
}
