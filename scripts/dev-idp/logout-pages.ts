/**
 * The pages around RP-initiated logout. oidc-provider v9 has no Front-Channel Logout feature any more,
 * so the logout page does what the specification asks of the provider: one hidden iframe per client
 * of the session at its `frontchannel_logout_uri` (with `iss` and `sid`), and once they have loaded
 * it confirms the logout by itself. Without scripts the person presses the one "Log out" button.
 */
import { translator, type Locale } from "./catalogue";
import { escapeHtml, page } from "./html";

const confirmScript = `
(function () {
  var frames = document.querySelectorAll("iframe.frontchannel");
  var button = document.getElementById("logout-button");
  var pending = frames.length;
  var done = false;
  function confirm() { if (!done) { done = true; button.click(); } }
  if (pending === 0) { confirm(); return; }
  frames.forEach(function (frame) {
    frame.addEventListener("load", function () { pending -= 1; if (pending === 0) confirm(); });
  });
  setTimeout(confirm, 2500);
})();
`;

export function renderLogoutPage(input: { locale: Locale; service: string; form: string; frames: string[] }): string {
  const t = translator(input.locale);
  const heading = t("logoutHeading", { service: input.service });
  const frames = input.frames
    .map((src) => `<iframe class="frontchannel" title="front-channel logout" src="${escapeHtml(src)}"></iframe>`)
    .join("\n");
  const body = `<h1>${escapeHtml(heading)}</h1>
<p role="status">${escapeHtml(t("logoutBody"))}</p>
${input.form}
<div class="actions"><button type="submit" class="primary" id="logout-button" form="op.logoutForm" name="logout" value="yes">${escapeHtml(t("logoutButton"))}</button></div>
${frames}
<script>${confirmScript}</script>`;
  return page(input.locale, heading, body);
}

export function renderLoggedOutPage(input: { locale: Locale; service: string }): string {
  const t = translator(input.locale);
  return page(
    input.locale,
    t("loggedOutHeading"),
    `<h1>${escapeHtml(t("loggedOutHeading"))}</h1>\n<p role="status">${escapeHtml(t("loggedOutBody", { service: input.service }))}</p>`,
  );
}

export function renderErrorPage(input: { locale: Locale; error: string; description?: string }): string {
  const t = translator(input.locale);
  const detail = input.description ? `: ${input.description}` : "";
  return page(
    input.locale,
    t("failedHeading"),
    `<h1>${escapeHtml(t("failedHeading"))}</h1>\n<p role="alert"><code>${escapeHtml(input.error)}</code>${escapeHtml(detail)}</p>`,
  );
}
