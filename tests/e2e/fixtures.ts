import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { E2E } from "../../playwright.config";

export const DEMO_PASSWORD = "samhandling-demo";
export const ACCOUNTS = {
  facilitator: "fasilitator@digdir.example",
  representativeNav: "representant@nav.example",
  representativeUdi: "representant@udi.example",
  leader: "leder@imdi.example",
  participant: "deltaker@skatteetaten.example",
  agencyAdminNav: "virksomhetsadmin@nav.example",
  admin: "admin@digdir.example",
} as const;

/**
 * Opens a page and waits until React has hydrated it (root sets data-hydrated) and its fonts are in:
 * a font arriving later sets the text again, and a click at that moment lands beside its button.
 */
export async function open(page: Page, path: string) {
  const response = await page.goto(path);
  await page.locator("html[data-hydrated]").waitFor();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return response;
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await open(page, "/login");
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Passord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Logg inn", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.locator("html[data-hydrated]").waitFor();
}

export interface Mail {
  to: string[];
  subject: string;
  text: string;
}

/** Waits until the test SMTP server has received a message to `to`, and returns the newest. */
export async function waitForMail(request: APIRequestContext, to: string, timeoutMs = 10_000): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get(`http://127.0.0.1:${E2E.smtpHttpPort}/messages`);
        const messages = (await res.json()) as Mail[];
        found = messages.filter((m) => m.to.includes(to)).at(-1);
        return Boolean(found);
      },
      { timeout: timeoutMs, message: `an email to ${to}` },
    )
    .toBe(true);
  return found!;
}

/** A unique suffix so tests that create things do not collide when run again or in parallel. */
export function unique(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** The invitation link in the outbox email to `email` (for tests that do not need the SMTP server). */
export async function invitationLinkFromOutbox(page: Page, email: string) {
  await open(page, "/n/ukraina/outbox");
  const mail = page.locator("details").filter({ hasText: email }).first();
  await mail.locator("summary").click();
  const text = (await mail.locator("pre.email-body").textContent()) ?? "";
  return text.match(/https?:\/\/\S+\/invitation\/[\w-]+/)![0];
}

/** Opens a Designsystemet Details (a native details element) if it is closed. */
export async function expand(details: Locator) {
  if ((await details.getAttribute("open")) === null) await details.locator("summary").first().click();
}
