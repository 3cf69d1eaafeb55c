/** The provider's login page: who to sign in as, for Ansattporten which organisation, and the level. */
import { translator, type Locale, type MessageKey } from "./catalogue";
import { escapeHtml, page } from "./html";
import type { Identity, IssuerKind, Organisation } from "./identities";
import { profiles, type Level } from "./issuers";

export interface LoginPageInput {
  kind: IssuerKind;
  locale: Locale;
  /** The raw `ui_locales` of the request, shown so a test can see it arrived. */
  uiLocales: string | undefined;
  clientName: string;
  action: string;
  identities: Identity[];
  selected: { identity?: string; organisation?: string; level: Level };
  error?: MessageKey;
}

function organisationsOf(identities: Identity[]): Array<{ organisation: Organisation; keys: string[] }> {
  const byNumber = new Map<string, { organisation: Organisation; keys: string[] }>();
  for (const identity of identities) {
    for (const { organisation } of identity.employments ?? []) {
      const entry = byNumber.get(organisation.orgNumber) ?? { organisation, keys: [] };
      entry.keys.push(identity.key);
      byNumber.set(organisation.orgNumber, entry);
    }
  }
  return [...byNumber.values()];
}

// Narrows the organisations to the chosen person's; without scripts all are listed and the server checks.
const filterScript = `
(function () {
  var select = document.getElementById("organisation");
  if (!select) return;
  function sync() {
    var chosen = document.querySelector('input[name="identity"]:checked');
    var key = chosen ? chosen.value : "";
    var first = null;
    Array.prototype.forEach.call(select.options, function (option) {
      var fits = option.getAttribute("data-identities").split(" ").indexOf(key) !== -1;
      option.hidden = !fits;
      option.disabled = !fits;
      if (fits && !first) first = option;
    });
    if (select.selectedOptions.length === 0 || select.selectedOptions[0].disabled) {
      if (first) select.value = first.value;
    }
  }
  document.querySelectorAll('input[name="identity"]').forEach(function (radio) {
    radio.addEventListener("change", sync);
  });
  sync();
})();
`;

export function renderLoginPage(input: LoginPageInput): string {
  const t = translator(input.locale);
  const profile = profiles[input.kind];
  const heading = t("heading", { service: profile.service });
  const chosen = input.selected.identity ?? input.identities[0]?.key;
  const errorId = "login-error";
  const described = (field: MessageKey) => (input.error === field ? ` aria-invalid="true" aria-describedby="${errorId}"` : "");

  const alert = input.error
    ? `<div class="alert" role="alert" id="${errorId}"><h2>${escapeHtml(t("errorHeading"))}</h2><p>${escapeHtml(t(input.error))}</p></div>`
    : "";

  const choices = input.identities
    .map((identity) => {
      const id = `identity-${identity.key}`;
      const checked = identity.key === chosen ? " checked" : "";
      const label = `${identity.name} – ${identity.description[input.locale]}`;
      return `<div class="choice"><input type="radio" name="identity" id="${id}" value="${escapeHtml(identity.key)}"${checked}${described("error.identity")}><label for="${id}">${escapeHtml(label)}</label></div>`;
    })
    .join("\n");

  const chosenIdentity = input.identities.find((identity) => identity.key === chosen);
  const organisationValue = input.selected.organisation ?? chosenIdentity?.employments?.[0]?.organisation.orgNumber ?? "";
  const organisationField = profile.picksOrganisation
    ? `<label class="field" for="organisation">${escapeHtml(t("organisation"))}</label>
<select id="organisation" name="organisation"${described("error.organisation")}>
${organisationsOf(input.identities)
  .map(({ organisation, keys }) => {
    const selected = organisation.orgNumber === organisationValue ? " selected" : "";
    return `<option value="${organisation.orgNumber}" data-identities="${escapeHtml(keys.join(" "))}"${selected}>${escapeHtml(organisation.name)} (${organisation.orgNumber})</option>`;
  })
  .join("\n")}
</select>`
    : "";

  const levelField =
    profile.acrValues.length > 0
      ? `<label class="field" for="acr">${escapeHtml(t("level"))}</label>
<p class="hint" id="acr-hint">${escapeHtml(t("levelHint"))}</p>
<select id="acr" name="acr" aria-describedby="acr-hint"${input.error === "error.level" ? ' aria-invalid="true"' : ""}>
${profile.acrValues
  .map((level) => {
    const selected = level === input.selected.level ? " selected" : "";
    return `<option value="${level}"${selected}>${escapeHtml(t(`level.${level}`))}</option>`;
  })
  .join("\n")}
</select>`
      : "";

  const body = `<h1>${escapeHtml(heading)}</h1>
<p>${escapeHtml(t("notReal"))}</p>
<p class="meta">${escapeHtml(t("client", { client: input.clientName }))}<br>
<span data-testid="ui-locales">${escapeHtml(t("askedLocale", { value: input.uiLocales || t("askedNothing") }))}</span></p>
${alert}
<form method="post" action="${escapeHtml(input.action)}" id="login-form">
<fieldset>
<legend>${escapeHtml(t("identityLegend"))}</legend>
${choices}
</fieldset>
${organisationField}
${levelField}
<div class="actions">
<button type="submit" class="primary" name="choice" value="login">${escapeHtml(t("logIn"))}</button>
<button type="submit" class="secondary" name="choice" value="cancel" formnovalidate>${escapeHtml(t("cancel"))}</button>
</div>
</form>
${profile.picksOrganisation ? `<script>${filterScript}</script>` : ""}`;

  return page(input.locale, heading, body);
}
