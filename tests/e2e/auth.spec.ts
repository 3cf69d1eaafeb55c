import { expect, test } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, open, signIn, unique } from "./fixtures";

test.describe("sign-in", () => {
  test("a facilitator signs in, reaches the network and signs out", async ({ page }) => {
    await signIn(page, ACCOUNTS.facilitator);
    await expect(page.getByRole("heading", { level: 1, name: "Mine nettverk" })).toBeVisible();
    await page.getByRole("link", { name: /Ukraina-samarbeidet/ }).click();
    await expect(page).toHaveURL(/\/n\/ukraina$/);
    await expect(page.getByRole("heading", { level: 1, name: "Ukraina-samarbeidet" })).toBeVisible();
    await expect(page.getByText("Du er med som fasilitator")).toBeVisible();

    await page.getByRole("button", { name: "Logg ut" }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByText("Du er logget ut.")).toBeVisible();
    await page.goto("/n/ukraina");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fn%2Fukraina/);
  });

  test("a newcomer finds the demo accounts on the sign-in page and signs in with one of them", async ({ page }) => {
    await open(page, "/login");
    const demo = page.getByRole("region", { name: "Demokontoer" });
    await expect(demo.getByText("Alle demokontoene har passordet «samhandling-demo».")).toBeVisible();
    const row = demo.getByRole("row").filter({ hasText: "Leder (IMDi)" });
    const email = (await row.locator("code").textContent())!;
    expect(email).toBe(ACCOUNTS.leader);
    await expect(demo.getByRole("row").filter({ hasText: "Nettstedsadministrator" })).toContainText(ACCOUNTS.admin);
    await page.getByLabel("E-post").fill(email);
    await page.getByLabel("Passord", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Logg inn", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Mine nettverk" })).toBeVisible();
  });

  test("after sign-in the visitor lands on the page they asked for", async ({ page }) => {
    await page.goto("/n/ukraina/members");
    await expect(page).toHaveURL(/\/login\?redirectTo=/);
    await page.locator("html[data-hydrated]").waitFor();
    await page.getByLabel("E-post").fill(ACCOUNTS.leader);
    await page.getByLabel("Passord", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Logg inn", exact: true }).click();
    await expect(page).toHaveURL(/\/n\/ukraina\/members$/);
  });

  test("a sign-in link that points elsewhere still lands on the portal", async ({ page, baseURL }) => {
    // The tab is dropped by the browser's URL parser: "/\t/evil.example" would become "//evil.example".
    await open(page, "/login?redirectTo=%2F%09%2Fevil.example%2Fphish");
    await page.getByLabel("E-post").fill(ACCOUNTS.leader);
    await page.getByLabel("Passord", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Logg inn", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Mine nettverk" })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  });

  test("a wrong password is refused with a clear message and no session", async ({ page, context }) => {
    await open(page, "/login");
    await page.getByLabel("E-post").fill(ACCOUNTS.representativeNav);
    await page.getByLabel("Passord", { exact: true }).fill("feil-passord");
    await page.getByRole("button", { name: "Logg inn", exact: true }).click();
    await expect(page.getByRole("alert")).toHaveText("Feil e-post eller passord.");
    await expect(page).toHaveURL(/\/login/);
    expect((await context.cookies()).some((c) => c.name === "__session")).toBe(false);
  });

  test("a malformed email is answered by the field, in Norwegian", async ({ page }) => {
    await open(page, "/login");
    await page.getByLabel("E-post").fill("ikke-en-adresse");
    await page.getByLabel("Passord", { exact: true }).fill("noe");
    await page.getByRole("button", { name: "Logg inn", exact: true }).click();
    await expect(page.getByText("Skriv en gyldig e-postadresse").first()).toBeVisible();
  });

  test("repeated failures make the next attempt wait", async ({ page }) => {
    const email = `${unique("gjetter")}@etat.example`;
    await open(page, "/login");
    for (let i = 0; i < 3; i++) {
      await page.getByLabel("E-post").fill(email);
      await page.getByLabel("Passord", { exact: true }).fill(`feil-${i}`);
      await page.getByRole("button", { name: "Logg inn", exact: true }).click();
      await expect(page.getByRole("alert")).toHaveText("Feil e-post eller passord.");
    }
    await page.getByLabel("E-post").fill(email);
    await page.getByLabel("Passord", { exact: true }).fill("feil-igjen");
    await page.getByRole("button", { name: "Logg inn", exact: true }).click();
    await expect(page.getByRole("alert")).toContainText(/For mange mislykkede forsøk\. Vent \d+ sekunder/);
  });

  test("a stranger guessing a colleague's password cannot keep the colleague out of their own browser", async ({ browser }) => {
    const colleague = await browser.newContext();
    const stranger = await browser.newContext();
    const mine = await colleague.newPage();
    await signIn(mine, "ole.strand@imdi.example");
    await mine.getByRole("button", { name: "Logg ut" }).click();
    await expect(mine.getByText("Du er logget ut.")).toBeVisible();

    const theirs = await stranger.newPage();
    await open(theirs, "/login");
    for (let i = 0; i < 6; i++) {
      await theirs.getByLabel("E-post").fill("ole.strand@imdi.example");
      await theirs.getByLabel("Passord", { exact: true }).fill(`gjetning-${i}`);
      await theirs.getByRole("button", { name: "Logg inn", exact: true }).click();
      await expect(theirs.getByRole("alert")).toHaveText(/Feil e-post eller passord\.|For mange mislykkede forsøk/);
    }
    await theirs.getByLabel("E-post").fill("ole.strand@imdi.example");
    await theirs.getByLabel("Passord", { exact: true }).fill(DEMO_PASSWORD);
    await theirs.getByRole("button", { name: "Logg inn", exact: true }).click();
    await expect(theirs.getByRole("alert")).toContainText("For mange mislykkede forsøk");

    // The same address, but the browser the colleague signed in from before.
    await signIn(mine, "ole.strand@imdi.example");
    await expect(mine.getByRole("heading", { level: 1, name: "Mine nettverk" })).toBeVisible();
    await colleague.close();
    await stranger.close();
  });

  test("a user sees where they are signed in and ends another device's session", async ({ browser }) => {
    const laptop = await browser.newContext();
    const phone = await browser.newContext({ userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1" });
    const a = await laptop.newPage();
    const b = await phone.newPage();
    await signIn(a, ACCOUNTS.representativeUdi);
    await signIn(b, ACCOUNTS.representativeUdi);

    await open(a, "/account/sessions");
    await expect(a.getByRole("heading", { level: 1, name: "Mine innlogginger" })).toBeVisible();
    const phoneRow = a.getByRole("row", { name: /Safari \(iOS\)/ }).first();
    await expect(a.getByRole("row", { name: /Denne enheten/ })).toBeVisible();
    await phoneRow.getByRole("button", { name: /Logg ut/ }).click();
    await expect(a.getByText("Innloggingen er avsluttet.")).toBeVisible();

    await b.goto("/n/ukraina");
    await expect(b).toHaveURL(/\/login/);
    await a.goto("/n/ukraina");
    await expect(a).toHaveURL(/\/n\/ukraina$/);
    await laptop.close();
    await phone.close();
  });
});
