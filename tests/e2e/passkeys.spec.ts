import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E } from "../../playwright.config";
import { ACCOUNTS, DEMO_PASSWORD, expand, invitationLinkFromOutbox, open, signIn, unique } from "./fixtures";

/**
 * Passkeys in Chromium with its virtual authenticator. WebAuthn refuses an IP address as the relying
 * party id, so these pages are opened at http://localhost (a secure context), not at PUBLIC_URL's
 * 127.0.0.1: the portal runs the ceremony under the page's own origin (web/origin.server.ts).
 */
const LOCAL = `http://localhost:${E2E.port}`;
test.use({ baseURL: LOCAL });

const PASSWORD = "et langt og godt passord";

/** A browser page with a virtual platform authenticator that verifies the person (like a fingerprint). */
async function withAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return { cdp, authenticatorId };
}

/** A new participant of the demo network, invited by the facilitator, signed in in a browser of their own. */
async function newMember(page: Page, browser: Browser) {
  const email = `${unique("passkey")}@etat.example`;
  const name = `Passkey ${unique("person")}`;
  await signIn(page, ACCOUNTS.facilitator);
  await open(page, "/n/ukraina/invitations");
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Virksomhet").selectOption({ label: "Skatteetaten" });
  await page.getByRole("button", { name: "Send invitasjon" }).click();
  await expect(page.getByText(`Invitasjonen er sendt til ${email}`)).toBeVisible();
  const path = new URL(await invitationLinkFromOutbox(page, email)).pathname;
  const context = await browser.newContext({ baseURL: LOCAL, locale: "nb-NO" });
  const member = await context.newPage();
  await open(member, path);
  await member.getByLabel("Fullt navn").fill(name);
  await member.getByLabel("Velg passord").fill(PASSWORD);
  await member.getByLabel("Gjenta passordet").fill(PASSWORD);
  await member.getByRole("button", { name: "Bli med" }).click();
  await member.waitForURL(/\/n\/ukraina/);
  return { email, name, member, context };
}

async function addPasskey(page: Page, name: string) {
  await open(page, "/account/passkeys");
  await page.getByLabel("Navn på passkeyen").fill(name);
  await page.getByRole("button", { name: "Legg til passkey" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Passkeyen «${name}» er lagt til.` })).toBeVisible();
  await expect(page.getByRole("cell", { name, exact: true })).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Logg ut" }).click();
  await page.waitForURL(/\/login\?signedOut=1/);
  await page.locator("html[data-hydrated]").waitFor();
}

async function passwordSignIn(page: Page, email: string) {
  await open(page, "/login");
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Passord", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Logg inn", exact: true }).click();
}

test("a person adds a passkey, signs in with it without typing the email, and removes it", async ({ page, browser }) => {
  const { member, context, name } = await newMember(page, browser);
  const { cdp, authenticatorId } = await withAuthenticator(member);

  await open(member, "/account/sessions");
  await member.getByRole("link", { name: /^Passkeys:/ }).click();
  await expect(member.getByRole("heading", { name: "Passkeys", level: 1 })).toBeVisible();
  await expect(member.getByText("Du har ingen passkeys ennå.")).toBeVisible();
  // A name first: nothing is asked of the device without one.
  await member.getByRole("button", { name: "Legg til passkey" }).click();
  await expect(member.getByText("Gi passkeyen et navn.")).toBeVisible();
  expect((await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials).toHaveLength(0);
  await addPasskey(member, "Jobb-PC");
  expect((await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials).toHaveLength(1);
  await expect(member.getByRole("row").filter({ hasText: "Jobb-PC" })).toContainText("Ikke brukt ennå");

  await signOut(member);
  await member.getByRole("button", { name: "Logg inn med passkey" }).click();
  await member.waitForURL((url) => !url.pathname.startsWith("/login"));
  await member.locator("html[data-hydrated]").waitFor();
  await expect(member.getByText(`Innlogget som ${name}`)).toBeVisible();

  await open(member, "/account/passkeys");
  await expect(member.getByRole("row").filter({ hasText: "Jobb-PC" })).not.toContainText("Ikke brukt ennå");
  await member.getByRole("button", { name: "Fjern Jobb-PC" }).click();
  await expect(member.getByRole("status").filter({ hasText: "Passkeyen «Jobb-PC» er fjernet." })).toBeVisible();
  await expect(member.getByText("Du har ingen passkeys ennå.")).toBeVisible();

  // The device still holds it, but the portal no longer knows it.
  await signOut(member);
  await member.getByRole("button", { name: "Logg inn med passkey" }).click();
  await expect(member.getByRole("alert")).toContainText("Vi kjente ikke igjen passkeyen.");
  await expect(member).toHaveURL(/\/login/);
  await context.close();
});

test("a passkey after the password: asked for and completing the sign-in, then reset by a facilitator", async ({ page, browser }) => {
  const { member, context, email, name } = await newMember(page, browser);
  await withAuthenticator(member);
  await addPasskey(member, "Telefon");
  await member.getByLabel("Krev passkey etter passordet").check();
  await member.getByRole("button", { name: "Lagre" }).click();
  await expect(member.getByText("Nå kreves en passkey etter passordet.")).toBeVisible();
  // The last passkey stays while it is required.
  await member.getByRole("button", { name: "Fjern Telefon" }).click();
  await expect(member.getByText("Dette er den siste passkeyen din")).toBeVisible();

  await signOut(member);
  await passwordSignIn(member, email);
  await member.waitForURL(/\/login\/passkey$/);
  await expect(member.getByRole("heading", { name: "Bekreft med passkey" })).toBeVisible();
  // No session yet: a page behind sign-in still sends the browser to /login.
  await open(member, "/account/passkeys");
  await expect(member).toHaveURL(/\/login\?redirectTo=/);
  await open(member, "/login/passkey");

  await member.getByRole("button", { name: "Bruk passkey" }).click();
  await member.waitForURL((url) => !url.pathname.startsWith("/login"));
  await member.locator("html[data-hydrated]").waitFor();
  await expect(member.getByText(`Innlogget som ${name}`)).toBeVisible();
  await signOut(member);

  // The device is lost: a facilitator resets the second step, with a confirmation.
  await open(page, "/n/ukraina/members");
  await page.getByRole("link", { name: `Endre ${name}` }).click();
  const section = page.getByRole("region", { name: "Andre innloggingssteg" });
  await expect(section).toContainText("Passkeys: 1");
  await expect(section).toContainText("Krever passkey etter passordet.");
  await expand(section.locator("details"));
  await section.getByRole("button", { name: `Ja, nullstill for ${name}` }).click();
  await expect(page.getByRole("status")).toContainText(`Andre innloggingssteg er nullstilt for ${name} (1 passkey fjernet).`);
  await expect(section).toContainText("Passkeys: 0");
  await open(page, "/n/ukraina/audit");
  await expect(page.getByText(`nullstilte andre innloggingssteg for ${name}`)).toBeVisible();

  await passwordSignIn(member, email);
  await member.waitForURL((url) => !url.pathname.startsWith("/login"));
  await member.locator("html[data-hydrated]").waitFor();
  await expect(member.getByText(`Innlogget som ${name}`)).toBeVisible();
  await context.close();
});

test("a browser without WebAuthn is told so instead of getting a button that does nothing", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "PublicKeyCredential", { value: undefined });
  });
  await open(page, "/login");
  await expect(page.getByText("Nettleseren din støtter ikke passkeys.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Logg inn med passkey" })).toHaveCount(0);
  // The demo accounts still sign in with the password.
  await page.getByLabel("E-post").fill(ACCOUNTS.participant);
  await page.getByLabel("Passord", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Logg inn", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
});
