import { expect, test, type APIResponse } from "@playwright/test";
import { ACCOUNTS, invitationLinkFromOutbox, open, signIn, unique } from "./fixtures";

/** Bad input sent straight to the server, past anything the browser form would stop. */
test.describe("bad input changes nothing", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, ACCOUNTS.facilitator);
  });

  async function pendingInvitationsHtml(page: import("@playwright/test").Page) {
    await open(page, "/n/ukraina/invitations");
    return page.locator("main").innerHTML();
  }

  async function expectFieldError(response: APIResponse, text: string) {
    expect(response.status()).toBe(400);
    expect(await response.text()).toContain(text);
  }

  test("invitations: empty, overlong and malformed fields, unknown role and agency", async ({ page }) => {
    const before = await pendingInvitationsHtml(page);
    const email = `${unique("ok")}@etat.example`;
    const cases: Array<[Record<string, string>, string]> = [
      [{ intent: "invite", email: "", role: "participant", agencyId: "1" }, "Fyll ut feltet."],
      [{ intent: "invite", email: `${"a".repeat(250)}@x.example`, role: "participant", agencyId: "1" }, "Teksten er for lang (maks 254 tegn)."],
      [{ intent: "invite", email: "not-an-email", role: "participant", agencyId: "1" }, "Skriv en gyldig e-postadresse"],
      [{ intent: "invite", email, role: "superuser", agencyId: "1" }, "Velg en av rollene i listen."],
      [{ intent: "invite", email, role: "participant", agencyId: "999999" }, "Velg en virksomhet fra listen."],
      [{ intent: "invite", email, role: "participant", agencyId: "1", responsibility: "x".repeat(301) }, "maks 300 tegn"],
      [{ intent: "invite", email: ACCOUNTS.leader, role: "participant", agencyId: "1" }, "er allerede med i nettverket"],
      [{ intent: "dance" }, "Ugyldig verdi."],
    ];
    for (const [form, message] of cases) {
      await expectFieldError(await page.request.post("/n/ukraina/invitations", { form }), message);
    }
    expect(await pendingInvitationsHtml(page)).toBe(before);
  });

  test("members: a role that does not exist and an overlong responsibility", async ({ page }) => {
    await open(page, "/n/ukraina/members");
    const href = await page.getByRole("link", { name: "Endre Per Olsen" }).getAttribute("href");
    const before = await page.getByRole("row", { name: /Per Olsen/ }).innerText();
    await expectFieldError(await page.request.post(href!, { form: { intent: "update", role: "king", responsibility: "" } }), "Velg en av rollene i listen.");
    await expectFieldError(
      await page.request.post(href!, { form: { intent: "update", role: "leader", responsibility: "x".repeat(301) } }),
      "maks 300 tegn",
    );
    expect((await page.request.get(`${href!.replace(/\/\d+$/, "")}/abc`)).status()).toBe(404);
    await open(page, "/n/ukraina/members");
    expect(await page.getByRole("row", { name: /Per Olsen/ }).innerText()).toBe(before);
  });

  test("filters that make no sense answer 400", async ({ page }) => {
    expect((await page.request.get("/n/ukraina/members?role=king")).status()).toBe(400);
    expect((await page.request.get("/n/ukraina/members?agency=-1")).status()).toBe(400);
    expect((await page.request.get("/n/ukraina/audit?from=not-a-date")).status()).toBe(400);
    expect((await page.request.get("/n/ukraina/audit?q=" + "x".repeat(101))).status()).toBe(400);
  });

  test("accepting an invitation: an overlong name and mismatched passwords", async ({ page }) => {
    const email = `${unique("lang")}@etat.example`;
    await open(page, "/n/ukraina/invitations");
    await page.getByLabel("E-post").fill(email);
    await page.getByLabel("Virksomhet").selectOption({ label: "Skatteetaten" });
    await page.getByRole("button", { name: "Send invitasjon" }).click();
    await expect(page.getByText(`Invitasjonen er sendt til ${email}`)).toBeVisible();
    const link = await invitationLinkFromOutbox(page, email);
    const path = new URL(link).pathname;
    const fresh = await page.context().browser()!.newContext();
    const api = fresh.request;
    await expectFieldError(
      await api.post(path, { form: { name: "n".repeat(121), password: "et langt passord", passwordConfirm: "et langt passord" } }),
      "maks 120 tegn",
    );
    await expectFieldError(
      await api.post(path, { form: { name: "Navn", password: "et langt passord", passwordConfirm: "et annet passord" } }),
      "Passordene er ikke like.",
    );
    await expectFieldError(await api.post(path, { form: { name: "Navn", password: "passord123", passwordConfirm: "passord123" } }), "for lett å gjette");
    // None of these spent the link.
    expect((await api.get(path)).status()).toBe(200);
    await fresh.close();
  });
});
