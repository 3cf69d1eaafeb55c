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
      [
        { intent: "invite", email: `${"a".repeat(250)}@x.example`, role: "participant", agencyId: "1" },
        "Teksten er for lang (maks 254 tegn).",
      ],
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
    await expectFieldError(
      await page.request.post(href!, { form: { intent: "update", role: "king", responsibility: "" } }),
      "Velg en av rollene i listen.",
    );
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

  test("a meeting: two intents at once, a published meeting deleted, a participant cancelling; nothing changes", async ({
    page,
    browser,
  }) => {
    const form = (body: string) =>
      page.request.post("/n/ukraina/meetings/2", { data: body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    await open(page, "/n/ukraina/meetings/2?view=record");
    const before = await page.locator("main").innerText();
    // Well-formed, but the field twice: refused whole, with a message for the page.
    const twice = await form("intent=update-meeting&intent=cancel");
    expect(twice.status()).toBe(400);
    expect(await twice.text()).toContain("Ugyldig verdi.");
    const deleted = await form("intent=delete");
    expect(deleted.status()).toBe(400);
    expect(await deleted.text()).toContain("Møtet har publisert referat og kan ikke avlyses eller slettes, bare rettes.");
    expect((await form(`intent=add-decision&text=${"x".repeat(1001)}`)).status()).toBe(400);
    // A view that does not exist is the default view, not an error page.
    expect((await page.request.get("/n/ukraina/meetings/2?view=%3Cscript%3E")).status()).toBe(200);
    const participant = await (await browser.newContext()).newPage();
    await signIn(participant, ACCOUNTS.participant);
    expect((await participant.request.post("/n/ukraina/meetings/2", { form: { intent: "cancel" } })).status()).toBe(403);
    await participant.context().close();
    await open(page, "/n/ukraina/meetings/2?view=record");
    expect(await page.locator("main").innerText()).toBe(before);
  });

  test("the obstacle list: another map, an element that is not there, an overlong id; no measure is made", async ({ page }) => {
    const count = async () => (await (await page.request.get("/n/ukraina/measures.csv")).text()).trim().split("\r\n").length;
    const before = await count();
    const make = (form: Record<string, string>) => page.request.post("/n/ukraina/maps/obstacles", { form });
    expect((await make({ mapId: "999999", elementId: "address" })).status()).toBe(404);
    expect((await make({ mapId: "1", elementId: "not-on-the-map" })).status()).toBe(404);
    expect((await make({ mapId: "1", elementId: "x".repeat(41) })).status()).toBe(400);
    expect((await make({ mapId: "1; drop table measures", elementId: "address" })).status()).toBe(400);
    expect(await count()).toBe(before);
  });

  test("the flow's week: not a date, a date that is no week with figures, and a huge value", async ({ page }) => {
    expect((await page.request.get("/n/ukraina/figures?week=2022-13-45")).status()).toBe(400);
    expect((await page.request.get(`/n/ukraina/figures?week=${"9".repeat(5000)}`)).status()).toBe(400);
    await open(page, "/n/ukraina/figures?week=1999-01-04");
    // A week with nothing published falls back to the default week.
    await expect(page.getByRole("heading", { name: /^Flyten i reisen, uke \d+ 2022$/ })).toBeVisible();
  });

  test("the log's search: LIKE wildcards, quotes and backslashes find only what they say", async ({ page }) => {
    for (const q of ["%", "%%", "' or 1=1 --", "\\"]) {
      const res = await page.request.get(`/n/ukraina/audit?q=${encodeURIComponent(q)}`);
      expect(res.status(), q).toBe(200);
      expect(await res.text(), q).toContain("Ingen hendelser passer til filteret.");
    }
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
    await expectFieldError(
      await api.post(path, { form: { name: "Navn", password: "passord123", passwordConfirm: "passord123" } }),
      "for lett å gjette",
    );
    // None of these spent the link.
    expect((await api.get(path)).status()).toBe(200);
    await fresh.close();
  });
});
