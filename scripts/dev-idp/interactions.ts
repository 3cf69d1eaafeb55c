/**
 * The provider's interaction: the login page (GET) and its form (POST). Consent is given by itself:
 * the grant for the requested scope is made together with the login.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { InteractionResults } from "oidc-provider";
import { z } from "zod";
import { answerDetails, parseRequestedDetails } from "./authorization-details";
import { pickLocale, type MessageKey } from "./catalogue";
import { identitiesOf, subjectOf, type Identity } from "./identities";
import { profiles, requestedLevel, type Level } from "./issuers";
import { renderLoginPage } from "./login-page";
import type { Issuer } from "./provider";

const maxFormBytes = 16 * 1024;

const loginForm = z.object({
  choice: z.enum(["login", "cancel"]),
  identity: z.string().max(100).optional(),
  organisation: z.string().max(20).optional(),
  acr: z.string().max(100).optional(),
});

async function readForm(req: IncomingMessage): Promise<Record<string, string> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxFormBytes) return undefined;
    chunks.push(chunk);
  }
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
}

function send(res: ServerResponse, status: number, html: string) {
  res.statusCode = status;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.end(html);
}

type Settled =
  | { ok: true; identity: Identity; organisation?: string; level?: Level }
  | { ok: false; error: MessageKey; identity?: string; organisation?: string; level?: string };

/** Checks the submitted choice against the issuer's people; never trusts the form's own lists. */
function settle(issuer: Issuer, form: z.infer<typeof loginForm>): Settled {
  const profile = profiles[issuer.kind];
  const identity = identitiesOf(issuer.kind).find((candidate) => candidate.key === form.identity);
  if (!identity) return { ok: false, error: "error.identity", ...form };
  let organisation: string | undefined;
  if (profile.picksOrganisation) {
    organisation = form.organisation || identity.employments?.[0]?.organisation.orgNumber;
    if (!identity.employments?.some((employment) => employment.organisation.orgNumber === organisation)) {
      return { ok: false, error: "error.organisation", ...form };
    }
  }
  let level: Level | undefined;
  if (profile.acrValues.length > 0) {
    level = profile.acrValues.find((candidate) => candidate === (form.acr ?? "idporten-loa-substantial"));
    if (!level) return { ok: false, error: "error.level", ...form };
  }
  return { ok: true, identity, organisation, level };
}

export async function handleInteraction(issuer: Issuer, req: IncomingMessage, res: ServerResponse) {
  const { provider, kind } = issuer;
  const details = await provider.interactionDetails(req, res);
  const { params } = details;
  const locale = pickLocale(params.ui_locales);
  const client = await provider.Client.find(String(params.client_id));
  const action = `/${kind}/interaction/${details.uid}`;
  const page = (status: number, selected: { identity?: string; organisation?: string; level?: string }, error?: MessageKey) =>
    send(
      res,
      status,
      renderLoginPage({
        kind,
        locale,
        uiLocales: typeof params.ui_locales === "string" ? params.ui_locales : undefined,
        clientName: client?.clientName ?? String(params.client_id),
        action,
        identities: identitiesOf(kind),
        selected: {
          identity: selected.identity,
          organisation: selected.organisation,
          level: requestedLevel(selected.level ?? params.acr_values),
        },
        error,
      }),
    );

  if (req.method === "GET") return page(200, {});
  if (req.method !== "POST") return send(res, 405, "");

  const raw = await readForm(req);
  const form = raw ? loginForm.safeParse(raw) : undefined;
  if (!form?.success) return page(400, {}, "error.identity");

  if (form.data.choice === "cancel") {
    const cancelled: InteractionResults = { error: "access_denied", error_description: "The person cancelled the login" };
    return provider.interactionFinished(req, res, cancelled, { mergeWithLastSubmission: false });
  }

  const settled = settle(issuer, form.data);
  if (!settled.ok) return page(400, settled, settled.error);

  const accountId = subjectOf(settled.identity);
  const grant = new provider.Grant({ accountId, clientId: String(params.client_id) });
  grant.addOIDCScope(typeof params.scope === "string" ? params.scope : "openid");
  const grantId = await grant.save();

  const requested = typeof params.authorization_details === "string" ? parseRequestedDetails(params.authorization_details) : undefined;
  const employment = settled.identity.employments?.find(({ organisation }) => organisation.orgNumber === settled.organisation);
  issuer.choices.set(grantId, {
    locale,
    authorizationDetails: requested?.ok && employment ? answerDetails(requested.details, employment) : undefined,
  });

  const result: InteractionResults = {
    login: {
      accountId,
      remember: false,
      ...(settled.level ? { acr: settled.level, amr: ["TestID"] } : {}),
    },
    consent: { grantId },
  };
  return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}
