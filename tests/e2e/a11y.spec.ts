import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, invitationLinkFromOutbox, open, signIn, unique } from "./fixtures";

/** Every page, scanned with axe for WCAG 2.1 A/AA; serious and critical findings fail the test. */
async function scan(page: Page, path: string) {
  await open(page, path);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const blocking = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(blocking, `accessibility of ${path}`).toEqual([]);
}

test.describe("accessibility", () => {
  test("pages for visitors who are not signed in", async ({ page }) => {
    await scan(page, "/login");
    await scan(page, "/invitation/ukjent");
    await scan(page, "/finnes-ikke");
  });

  // The facilitator's pages: scanned in groups so each test stays well inside its time limit on a busy CI machine.
  const FACILITATOR_PAGES = [
    ["/", "/n/ukraina", "/n/ukraina/members", "/n/ukraina/invitations", "/n/ukraina/outbox", "/n/ukraina/audit"],
    [
      "/account/sessions",
      "/n/ukraina/meetings",
      "/n/ukraina/meetings/new",
      "/n/ukraina/meetings/1",
      "/n/ukraina/meetings/1?view=edit",
      "/n/ukraina/meetings/1/minutes",
      "/n/ukraina/meetings/search?q=adresse",
    ],
    [
      "/n/ukraina/meetings/attendance",
      "/n/ukraina/measures",
      "/n/ukraina/measures?view=table",
      "/n/ukraina/measures/new",
      "/n/ukraina/measures/1",
      "/n/ukraina/measures/dashboard",
    ],
    ["/n/ukraina/maps", "/n/ukraina/figures", "/n/ukraina/figures/metrics", "/n/ukraina/figures/metrics/1"],
    ["/n/ukraina/evaluations", "/n/ukraina/evaluations/1", "/n/ukraina/evaluations/1?preview=1", "/n/ukraina/evaluations/1/report"],
  ];
  FACILITATOR_PAGES.forEach((paths, group) => {
    test(`a facilitator's pages (${group + 1} of ${FACILITATOR_PAGES.length})`, async ({ page }) => {
      test.setTimeout(150_000);
      await signIn(page, ACCOUNTS.facilitator);
      for (const path of paths) await scan(page, path);
    });
  });

  test("a member's edit page and a form showing its errors", async ({ page }) => {
    await signIn(page, ACCOUNTS.facilitator);
    await open(page, "/n/ukraina/members");
    const href = await page.getByRole("link", { name: "Endre Kari Nordvik" }).getAttribute("href");
    await scan(page, href!);
    await open(page, "/n/ukraina/invitations");
    await page.getByRole("button", { name: "Send invitasjon" }).click();
    await expect(page.getByRole("heading", { name: "Skjemaet har feil" })).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  });

  test("an invitation waiting to be accepted", async ({ page, browser }) => {
    await signIn(page, ACCOUNTS.facilitator);
    const email = `${unique("a11y")}@etat.example`;
    await open(page, "/n/ukraina/invitations");
    await page.getByLabel("E-post").fill(email);
    await page.getByLabel("Virksomhet").selectOption({ label: "Folkehelseinstituttet (FHI)" });
    await page.getByRole("button", { name: "Send invitasjon" }).click();
    await expect(page.getByText(`Invitasjonen er sendt til ${email}`)).toBeVisible();
    const link = await invitationLinkFromOutbox(page, email);
    const context = await browser.newContext();
    await scan(await context.newPage(), new URL(link).pathname);
    await context.close();
  });

  test("a participant's pages and the 403 page", async ({ page }) => {
    await signIn(page, ACCOUNTS.participant);
    await scan(page, "/n/ukraina");
    await scan(page, "/n/ukraina/members");
    await scan(page, "/n/ukraina/audit");
    await scan(page, "/n/ukraina/meetings/2");
    await scan(page, "/n/ukraina/measures");
    await scan(page, "/n/ukraina/measures/dashboard");
    await scan(page, "/n/ukraina/evaluations/1/report");
  });

  test("an agency administrator's directory, invitations and member pages, and a member's own page", async ({ page }) => {
    await signIn(page, ACCOUNTS.agencyAdminNav);
    await scan(page, "/n/ukraina/members");
    await scan(page, "/n/ukraina/invitations");
    await open(page, "/n/ukraina/members");
    const edit = page.getByRole("link", { name: "Endre Henrik Eide" });
    await scan(page, (await edit.getAttribute("href"))!);
    await open(page, "/n/ukraina/members");
    await scan(page, (await page.getByRole("link", { name: "Endre ansvaret ditt" }).getAttribute("href"))!);
  });

  test("a representative's reporting page, with an upload's preview showing errors", async ({ page }) => {
    await signIn(page, ACCOUNTS.representativeNav);
    await scan(page, "/n/ukraina/figures/report");
    await page.getByLabel("Fil").setInputFiles({
      name: "tall.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("måltall,periode,verdi\nFlyktninger fra Ukraina i arbeid,2022-W30,mange\n"),
    });
    await page.getByRole("button", { name: "Kontroller filen" }).click();
    await expect(page.getByTestId("upload-preview")).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(
      results.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
  });

  test("the site admin's page", async ({ page }) => {
    await signIn(page, ACCOUNTS.admin);
    await scan(page, "/admin");
  });

  test("the move dialog of the board", async ({ page }) => {
    await signIn(page, ACCOUNTS.facilitator);
    await open(page, "/n/ukraina/measures");
    await page.getByRole("button", { name: /^Flytt eID/ }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(
      results.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
  });

  test("the map editor, for an editor and for a reader", async ({ page, browser }) => {
    for (const [who, context] of [
      [ACCOUNTS.representativeNav, page.context()],
      [ACCOUNTS.leader, await browser.newContext()],
    ] as const) {
      const p = context === page.context() ? page : await context.newPage();
      await signIn(p, who);
      await open(p, "/n/ukraina/maps/1");
      await expect(p.getByTestId("connection-status")).toContainText("Tilkoblet", { timeout: 30_000 });
      await expect(p.locator(".react-flow__node-map").first()).toBeVisible();
      const results = await new AxeBuilder({ page: p }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(
        results.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map(
            (v) =>
              `${v.id}: ${v.nodes
                .map((n) => n.target.join(" "))
                .slice(0, 3)
                .join(", ")}`,
          ),
        who,
      ).toEqual([]);
    }
  });

  test("the keyboard reaches the skip link first and it moves focus to the content", async ({ page }) => {
    await signIn(page, ACCOUNTS.representativeNav);
    await open(page, "/n/ukraina/members");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Hopp til hovedinnhold" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
  });
});
