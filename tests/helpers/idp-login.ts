/**
 * Drives the test OpenID provider (scripts/dev-idp) over plain HTTP, as a browser would, for Node
 * tests: follows its redirects with a cookie jar, fills in its login page and stops where the browser
 * would leave the provider, i.e. at the client's redirect URI.
 *
 *   const jar = new CookieJar();
 *   const { callbackUrl } = await loginThroughIdp(authorizationUrl, { identity: "nora-navesen" }, jar);
 *   // callbackUrl carries code, state and iss (or error=access_denied after { cancel: true })
 *   const { redirectUrl, frontchannelUris } = await logoutThroughIdp(endSessionUrl, jar);
 *
 * Identity keys, organisation numbers and levels are those of scripts/dev-idp/identities.ts and
 * issuers.ts. The jar keeps the provider's session, so a later logout (or a second login) is the same
 * browser's.
 */

/** Cookies by name and path, sent to paths under their own; enough for one loopback origin. */
export class CookieJar {
  private readonly cookies = new Map<string, { name: string; value: string; path: string }>();

  store(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";").map((part) => part.trim());
      const equals = pair.indexOf("=");
      const name = pair.slice(0, equals);
      const value = pair.slice(equals + 1);
      const attribute = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const path = attribute("path") ?? "/";
      const expires = attribute("expires");
      const maxAge = attribute("max-age");
      const gone = value === "" || maxAge === "0" || (expires !== undefined && Date.parse(expires) <= Date.now());
      if (gone) this.cookies.delete(`${name};${path}`);
      else this.cookies.set(`${name};${path}`, { name, value, path });
    }
  }

  header(url: URL): string {
    return [...this.cookies.values()]
      .filter(({ path }) => url.pathname === path || url.pathname.startsWith(path.endsWith("/") ? path : `${path}/`))
      .map(({ name, value }) => `${name}=${value}`)
      .join("; ");
  }
}

export interface IdpLoginChoice {
  /** An identity key, e.g. "nora-navesen". */
  identity: string;
  /** Ansattporten: the organisation number to act for; the person's first organisation when left out. */
  organisation?: string;
  /** Ansattporten/ID-porten: the level to report; the page's preselection (from acr_values) when left out. */
  acr?: string;
  /** Press "Avbryt" instead: the client gets error=access_denied. */
  cancel?: boolean;
}

export interface IdpLoginResult {
  /** Where the browser would be sent: the client's redirect URI with code/state/iss or an error. */
  callbackUrl: URL;
  /** The login page's HTML as the person saw it (language, the ui_locales line, the choices). */
  loginPage: string;
}

const maxRedirects = 10;

function decodeAttribute(value: string): string {
  return value.replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

/** The text of the page's alert (its error message), or the start of the page. */
function whatWentWrong(page: string): string {
  const alert = /role="alert"[^>]*>([\s\S]*?)<\/(?:div|p)>/.exec(page)?.[1];
  return alert
    ? alert
        .replace(/<[^>]+>/g, " ")
        .replace(/\s+/g, " ")
        .trim()
    : page.slice(0, 500);
}

async function request(url: URL, jar: CookieJar, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.header(url);
  if (cookie) headers.set("cookie", cookie);
  const response = await fetch(url, { ...init, headers, redirect: "manual" });
  jar.store(response);
  return response;
}

/** Follows redirects within the provider's origin; returns the page it lands on or the URL leaving it. */
async function follow(start: URL, jar: CookieJar, first?: Response): Promise<{ leaves: URL } | { page: string; url: URL }> {
  const origin = start.origin;
  let url = start;
  let response = first ?? (await request(url, jar));
  for (let hop = 0; hop <= maxRedirects; hop++) {
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get("location");
      if (!location) throw new Error(`redirect without Location from ${url.href}`);
      await response.body?.cancel();
      url = new URL(location, url);
      if (url.origin !== origin) return { leaves: url };
      response = await request(url, jar);
      continue;
    }
    const page = await response.text();
    if (response.status !== 200) throw new Error(`the provider answered ${response.status} at ${url.href}: ${whatWentWrong(page)}`);
    return { page, url };
  }
  throw new Error(`more than ${maxRedirects} redirects from ${start.href}`);
}

function formAction(page: string, formId: string, base: URL): URL {
  const form = new RegExp(`<form[^>]*id="${formId.replace(".", "\\.")}"[^>]*>`).exec(page)?.[0];
  const action = form && /action="([^"]*)"/.exec(form)?.[1];
  if (!action) throw new Error(`no form #${formId} on the page: ${page.slice(0, 500)}`);
  return new URL(decodeAttribute(action), base);
}

/** Value of the selected option of a select, or its first option. */
function selectedValue(page: string, selectId: string): string | undefined {
  const select = new RegExp(`<select[^>]*id="${selectId}"[\\s\\S]*?</select>`).exec(page)?.[0];
  if (!select) return undefined;
  const selected = /<option value="([^"]*)"[^>]*\sselected/.exec(select) ?? /<option value="([^"]*)"/.exec(select);
  return selected ? decodeAttribute(selected[1]) : undefined;
}

/** Runs an authorization request through the login page to the client's redirect URI. */
export async function loginThroughIdp(
  authorizationUrl: string | URL,
  choice: IdpLoginChoice,
  jar: CookieJar = new CookieJar(),
): Promise<IdpLoginResult> {
  const landed = await follow(new URL(authorizationUrl), jar);
  if ("leaves" in landed) throw new Error(`the provider sent the browser away without a login page: ${landed.leaves.href}`);
  const loginPage = landed.page;
  const action = formAction(loginPage, "login-form", landed.url);

  const form = new URLSearchParams({ choice: choice.cancel ? "cancel" : "login", identity: choice.identity });
  if (choice.organisation) form.set("organisation", choice.organisation);
  const acr = choice.acr ?? selectedValue(loginPage, "acr");
  if (acr) form.set("acr", acr);

  const submitted = await request(action, jar, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });
  const after = await follow(action, jar, submitted);
  if (!("leaves" in after)) throw new Error(`the login did not lead back to the client: ${after.page.slice(0, 800)}`);
  return { callbackUrl: after.leaves, loginPage };
}

export interface IdpLogoutResult {
  /** The logout page's HTML (its front-channel iframes and the confirmation form). */
  logoutPage: string;
  /** The front-channel logout URIs the page loads in iframes, with iss and sid. */
  frontchannelUris: URL[];
  /** Where the browser is sent after the logout: the post_logout_redirect_uri (with state) or the provider's own page. */
  redirectUrl: URL;
}

/** The hidden fields of a page's form (oidc-provider's own pages carry their xsrf value this way). */
function hiddenFields(page: string): URLSearchParams {
  const fields = new URLSearchParams();
  for (const input of page.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"\/?>/g)) {
    fields.set(decodeAttribute(input[1]), decodeAttribute(input[2]));
  }
  return fields;
}

/**
 * RP-initiated logout: opens the end-session URL, then confirms as the page's script would. With no
 * session left the provider answers with a self-submitting form instead, which is submitted the same way.
 */
export async function logoutThroughIdp(endSessionUrl: string | URL, jar: CookieJar): Promise<IdpLogoutResult> {
  const landed = await follow(new URL(endSessionUrl), jar);
  if ("leaves" in landed) return { logoutPage: "", frontchannelUris: [], redirectUrl: landed.leaves };
  const logoutPage = landed.page;
  const frontchannelUris = [...logoutPage.matchAll(/<iframe[^>]*class="frontchannel"[^>]*src="([^"]*)"/g)].map(
    (match) => new URL(decodeAttribute(match[1])),
  );
  const ownPage = logoutPage.includes('id="op.logoutForm"');
  const action = ownPage
    ? formAction(logoutPage, "op.logoutForm", landed.url)
    : new URL(decodeAttribute(/<form[^>]*action="([^"]*)"/.exec(logoutPage)?.[1] ?? ""), landed.url);
  const fields = hiddenFields(logoutPage);
  if (!fields.has("xsrf")) throw new Error(`no xsrf value on the logout page: ${logoutPage.slice(0, 500)}`);
  fields.set("logout", "yes");
  const confirmed = await request(action, jar, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: fields,
  });
  const after = await follow(action, jar, confirmed);
  const redirectUrl = "leaves" in after ? after.leaves : after.url;
  return { logoutPage, frontchannelUris, redirectUrl };
}
