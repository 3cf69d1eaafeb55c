import { expect, test, type Page, type Request as PlaywrightRequest } from "@playwright/test";
import { E2E } from "../../playwright.config";
import { ACCOUNTS, open, signIn, unique, waitForMail } from "./fixtures";

/**
 * Sign-in through the loopback OpenID provider (scripts/dev-idp), configured like Ansattporten,
 * ID-porten and an agency's Entra ID tenant. Each test uses people of its own at the provider.
 */
const IDP = `http://127.0.0.1:${E2E.idpPort}`;

/** On the provider's test login page: choose the person (and organisation and level) and log in. */
async function logInAtProvider(page: Page, person: RegExp, choice: { organisation?: RegExp; level?: RegExp } = {}) {
  await expect(page).toHaveURL(new RegExp(`^${IDP}/`));
  await page.getByRole("radio", { name: person }).check();
  if (choice.organisation)
    await page.getByLabel("Virksomhet").selectOption({ label: await optionLabel(page, "Virksomhet", choice.organisation) });
  if (choice.level)
    await page.getByLabel("Sikkerhetsnivå").selectOption({ label: await optionLabel(page, "Sikkerhetsnivå", choice.level) });
  await page.getByRole("button", { name: "Logg inn" }).click();
}

async function optionLabel(page: Page, select: string, pattern: RegExp) {
  const labels = await page.getByLabel(select).locator("option").allTextContents();
  const label = labels.find((l) => pattern.test(l));
  expect(label, `an option matching ${pattern} in ${labels.join(", ")}`).toBeTruthy();
  return label!;
}

/** A facilitator of `ukraina` invites `email` for an agency; returns the link from the email. */
async function invite(page: Page, request: Parameters<typeof waitForMail>[0], email: string, agency: RegExp) {
  await signIn(page, ACCOUNTS.facilitator);
  await open(page, "/n/ukraina/invitations");
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Rolle").selectOption({ label: "Representant" });
  const agencies = await page.getByLabel("Virksomhet").locator("option").allTextContents();
  await page.getByLabel("Virksomhet").selectOption({ label: agencies.find((a) => agency.test(a))! });
  await page.getByRole("button", { name: "Send invitasjon" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Invitasjonen er sendt til ${email}` })).toBeVisible();
  const mail = await waitForMail(request, email);
  return mail.text.match(/https?:\/\/\S+\/invitation\/[\w-]+/)![0];
}

/**
 * Changes the portal's redirect to the provider before the browser follows it, as someone on the
 * way could. (Playwright routes the first request of a navigation, not the hops it is redirected
 * through, so the redirect is fetched here and answered with the changed address.)
 */
async function tamperAuthorization(page: Page, provider: string, change: (authorization: URL) => void) {
  await page.route(new RegExp(`/auth/${provider}\\?`), async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    const authorization = new URL(response.headers().location!);
    change(authorization);
    await route.fulfill({ response, headers: { ...response.headers(), location: authorization.href } });
  });
}

/** Lets the provider answer the login form, then changes the callback address it sends the browser to. */
async function tamperCallback(page: Page, change: (callback: URL) => void) {
  await page.route(
    (url) => url.href.startsWith(`${IDP}/`) && url.pathname.includes("/interaction/"),
    async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      const answer = await route.fetch({ maxRedirects: 0 });
      let location = new URL(answer.headers().location!, route.request().url());
      // The provider resumes the authorization on its own pages first; follow it to the portal.
      while (location.origin === IDP) {
        const next = await page.context().request.get(location.href, { maxRedirects: 0 });
        location = new URL(next.headers().location!, location);
      }
      change(location);
      await route.fulfill({ status: 303, headers: { location: location.href } });
    },
  );
}

async function expectRefused(page: Page, message: string) {
  await expect(page).toHaveURL(/\/login\?refused=/);
  const alert = page.getByRole("alert").filter({ hasText: "Innloggingen ble avvist" });
  await expect(alert).toContainText(message);
}

test.describe("sign-in through Ansattporten, ID-porten and Entra ID", () => {
  test("an invitee joins with Ansattporten for the invited agency, comes back later, and signing out ends both sessions", async ({
    page,
    browser,
    request,
  }) => {
    const email = `${unique("nora")}@nav.example`;
    const link = await invite(page, request, email, /Arbeids- og velferdsetaten/);

    const context = await browser.newContext();
    const invitee = await context.newPage();
    await open(invitee, link);
    await invitee.getByRole("link", { name: "Logg inn med Ansattporten" }).click();
    // The provider got the person's language (ui_locales) from the portal.
    await expect(invitee.getByTestId("ui-locales")).toContainText("nb");
    await logInAtProvider(invitee, /Nora Navesen/, { organisation: /ARBEIDS- OG VELFERDSETATEN/ });
    await expect(invitee).toHaveURL(/\/n\/ukraina\?welcome=1$/);
    await expect(invitee.getByText("Velkommen, Nora Navesen. Du er med som representant.")).toBeVisible();

    // The linked sign-in is on the account page.
    await open(invitee, "/account/sign-ins");
    await expect(invitee.getByRole("row", { name: /Ansattporten/ })).toBeVisible();

    // Signing out passes the provider's end-session page and ends up signed out of the portal.
    const visited: string[] = [];
    invitee.on("framenavigated", (frame) => {
      if (frame === invitee.mainFrame()) visited.push(frame.url());
    });
    await invitee.getByRole("button", { name: "Logg ut" }).click();
    await expect(invitee).toHaveURL(/\/login\?signedOut=1$/);
    await expect(invitee.getByText("Du er logget ut.")).toBeVisible();
    expect(visited.some((url) => url.startsWith(`${IDP}/ansattporten/`))).toBe(true);
    await invitee.goto("/n/ukraina");
    await expect(invitee).toHaveURL(/\/login/);
    await context.close();

    // Later, in a fresh browser: the same person signs in and finds the network.
    const later = await browser.newContext();
    const returning = await later.newPage();
    await open(returning, "/login");
    await returning.getByRole("link", { name: "Logg inn med Ansattporten" }).click();
    await logInAtProvider(returning, /Nora Navesen/, { organisation: /ARBEIDS- OG VELFERDSETATEN/ });
    await expect(returning).toHaveURL(/\/$/);
    await expect(returning.getByRole("link", { name: "Ukraina-samarbeidet" }).first()).toBeVisible();
    await later.close();
  });

  test("refuses an organisation other than the invited agency, and a person without the right, creating nothing", async ({
    page,
    browser,
    request,
  }) => {
    const email = `${unique("feil")}@nav.example`;
    const link = await invite(page, request, email, /Arbeids- og velferdsetaten/);
    const context = await browser.newContext();
    const invitee = await context.newPage();

    await open(invitee, link);
    await invitee.getByRole("link", { name: "Logg inn med Ansattporten" }).click();
    await logInAtProvider(invitee, /Ulrik Udisen/, { organisation: /UTLENDINGSDIREKTORATET/ });
    await expectRefused(invitee, "Du logget inn for en annen virksomhet enn den du er med for i portalen.");

    await open(invitee, link);
    await invitee.getByRole("link", { name: "Logg inn med Ansattporten" }).click();
    await logInAtProvider(invitee, /Per Utenrett/);
    await expectRefused(invitee, "Du valgte ingen virksomhet du har rettighet til å representere.");

    // The invitation is still unused, and the facilitator's log tells what happened, without tokens.
    await open(invitee, link);
    await expect(invitee.getByRole("heading", { level: 1, name: "Bli med i Ukraina-samarbeidet" })).toBeVisible();
    await open(page, "/n/ukraina/audit");
    await expect(page.getByText(/Innlogging med Ansattporten avvist: Du logget inn for en annen virksomhet/).first()).toBeVisible();
    await context.close();
  });

  test("refuses too low a level, and a callback whose state or nonce was changed on the way", async ({ page, browser, request }) => {
    const email = `${unique("ida")}@innbygger.example`;
    const link = await invite(page, request, email, /Integrerings- og mangfoldsdirektoratet/);
    const context = await browser.newContext();
    const invitee = await context.newPage();

    // ID-porten asks for level high here; an answer at "substantial" is refused.
    await open(invitee, link);
    await invitee.getByRole("link", { name: "Logg inn med ID-porten" }).click();
    await logInAtProvider(invitee, /Ida Innbygger/, { level: /Betydelig/ });
    await expectRefused(invitee, "Innloggingen hadde for lavt sikkerhetsnivå.");

    // The state in the callback changed on the way back: the pending sign-in is not found.
    await tamperCallback(invitee, (callback) => callback.searchParams.set("state", "tampered-state-value"));
    await open(invitee, link);
    await invitee.getByRole("link", { name: "Logg inn med ID-porten" }).click();
    await logInAtProvider(invitee, /Ida Innbygger/, { level: /Høyt/ });
    await expectRefused(invitee, "Innloggingen var utløpt eller allerede brukt");
    await invitee.unrouteAll();

    // The nonce sent to the provider changed on the way there: the id token's nonce does not match.
    await tamperAuthorization(invitee, "idporten", (authorization) => authorization.searchParams.set("nonce", "tampered-nonce-value"));
    await open(invitee, link);
    await invitee.getByRole("link", { name: "Logg inn med ID-porten" }).click();
    await logInAtProvider(invitee, /Ida Innbygger/, { level: /Høyt/ });
    await expectRefused(invitee, "svaret fra innloggingstjenesten kunne ikke godkjennes");
    await invitee.unrouteAll();

    // Nothing was created by the refusals: the link still works, at the right level.
    let callback: PlaywrightRequest | null = null;
    invitee.on("request", (r) => {
      if (r.url().includes("/auth/idporten/callback")) callback = r;
    });
    await open(invitee, link);
    await invitee.getByRole("link", { name: "Logg inn med ID-porten" }).click();
    await logInAtProvider(invitee, /Ida Innbygger/, { level: /Høyt/ });
    await expect(invitee).toHaveURL(/\/n\/ukraina\?welcome=1$/);

    // The same callback played again (a replayed code) is refused.
    const replayed = await browser.newContext();
    const attacker = await replayed.newPage();
    await attacker.goto(callback!.url());
    await expectRefused(attacker, "Innloggingen var utløpt eller allerede brukt");
    await replayed.close();
    await context.close();
  });

  test("the provider's front-channel logout ends the portal session", async ({ page, browser, request }) => {
    const email = `${unique("kari")}@nav.example`;
    const link = await invite(page, request, email, /Arbeids- og velferdsetaten/);
    const context = await browser.newContext();
    const invitee = await context.newPage();
    await open(invitee, link);
    await invitee.getByRole("link", { name: "Logg inn med Ansattporten" }).click();
    await logInAtProvider(invitee, /Kari Kombinert/, { organisation: /ARBEIDS- OG VELFERDSETATEN/ });
    await expect(invitee).toHaveURL(/\/n\/ukraina\?welcome=1$/);

    // Signing out at the provider (from another service): its logout page frames the portal's logout.
    await invitee.goto(`${IDP}/ansattporten/session/end`);
    const confirm = invitee.getByRole("button", { name: "Logg ut" });
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    await expect(invitee.getByRole("heading", { name: "Du er logget ut" })).toBeVisible();
    await invitee.goto("/n/ukraina");
    await expect(invitee).toHaveURL(/\/login/);
    await context.close();
  });

  test("an agency's Entra ID links a member by verified email where the facilitator allows it", async ({ page, browser }) => {
    const context = await browser.newContext();
    const person = await context.newPage();
    await open(person, "/login");
    await person.getByRole("link", { name: "Logg inn med NAV (Entra ID)" }).click();
    await logInAtProvider(person, /Nils Representant/);
    await expectRefused(person, "Denne innloggingen er ikke koblet til noen konto i portalen.");

    await signIn(page, ACCOUNTS.facilitator);
    await open(page, "/n/ukraina/settings");
    await page.getByRole("checkbox", { name: /koble seg til kontoen sin med bekreftet e-postadresse/ }).check();
    await page.getByRole("button", { name: "Lagre" }).click();
    await expect(page.getByRole("status")).toContainText("er slått på");

    await open(person, "/login");
    await person.getByRole("link", { name: "Logg inn med NAV (Entra ID)" }).click();
    await logInAtProvider(person, /Nils Representant/);
    await expect(person).toHaveURL(/\/$/);
    await open(person, "/account/sign-ins");
    await expect(person.getByRole("row", { name: /NAV \(Entra ID\)/ })).toBeVisible();

    await open(page, "/n/ukraina/settings");
    await page.getByRole("checkbox", { name: /koble seg til kontoen sin med bekreftet e-postadresse/ }).uncheck();
    await page.getByRole("button", { name: "Lagre" }).click();
    await expect(page.getByRole("status")).toContainText("er slått av");
    await context.close();
  });

  test("a session through a provider ends after the provider's idle time", async ({ page, browser, request }) => {
    test.setTimeout(120_000);
    const email = "ola.entra@nav.example";
    const link = await invite(page, request, email, /Arbeids- og velferdsetaten/);
    const context = await browser.newContext();
    const invitee = await context.newPage();
    await open(invitee, link);
    await invitee.getByRole("link", { name: "Logg inn med NAV (Entra ID, kort økt)" }).click();
    await logInAtProvider(invitee, /Ola Entra/);
    await expect(invitee).toHaveURL(/\/n\/ukraina\?welcome=1$/);
    // In use, the session stays (this provider's idle time is 20 seconds).
    for (let i = 0; i < 3; i++) {
      await invitee.waitForTimeout(8_000);
      await open(invitee, "/n/ukraina");
      await expect(invitee).toHaveURL(/\/n\/ukraina$/);
    }
    await invitee.waitForTimeout(22_000);
    await invitee.goto("/n/ukraina");
    await expect(invitee).toHaveURL(/\/login/);
    await context.close();
  });
});
