import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, open, signIn, unique } from "./fixtures";

/** The site admin creates a second network with themself as facilitator; returns its slug. */
async function createSecondNetwork(page: Page) {
  const slug = unique("beredskap").toLowerCase().slice(0, 30);
  await signIn(page, ACCOUNTS.admin);
  await open(page, "/admin");
  await page.getByLabel("Navn", { exact: true }).first().fill("Beredskapsnettverket");
  await page.getByLabel("Kortnavn i adressen").fill(slug);
  await page.getByRole("button", { name: "Opprett nettverk" }).click();
  await expect(page.getByText("Nettverket «Beredskapsnettverket» er opprettet.")).toBeVisible();
  return slug;
}

test.describe("who may see what", () => {
  test("a participant is refused facilitator pages with 403, and the refusal is logged", async ({ page, browser }) => {
    await signIn(page, ACCOUNTS.participant);
    for (const path of ["/n/ukraina/audit", "/n/ukraina/invitations", "/n/ukraina/outbox", "/n/ukraina/members/1", "/admin"]) {
      const response = await open(page, path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { level: 1, name: "Ingen tilgang" })).toBeVisible();
    }
    // The menu does not offer what the role may not open.
    await open(page, "/n/ukraina");
    const menu = page.getByRole("navigation", { name: "Nettverksmeny" });
    await expect(menu.getByRole("link", { name: "Deltakere" })).toBeVisible();
    await expect(menu.getByRole("link", { name: "Logg" })).toHaveCount(0);

    const facilitatorContext = await browser.newContext();
    const facilitator = await facilitatorContext.newPage();
    await signIn(facilitator, ACCOUNTS.facilitator);
    await open(facilitator, "/n/ukraina/audit?kind=access.denied");
    // Newest first: this test's refusal heads the list (other tests may have been refused before).
    await expect(facilitator.getByRole("row", { name: /Dina Deltaker.*nektet tilgang til \/n\/ukraina\/audit/ }).first()).toBeVisible();
    await facilitatorContext.close();
  });

  test("another network's pages and ids answer 404, and nothing changes", async ({ page, browser }) => {
    const slug = await createSecondNetwork(page);
    // The admin's membership id in the new network, from its member list.
    await open(page, `/n/${slug}/members`);
    const editHref = await page.getByRole("link", { name: /Endre Aksel Admin/ }).getAttribute("href");
    const foreignId = editHref!.split("/").at(-1)!;

    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await signIn(other, ACCOUNTS.facilitator);
    for (const path of [`/n/${slug}`, `/n/${slug}/members`, `/n/${slug}/members.csv`, `/n/${slug}/audit`]) {
      const response = await other.goto(path);
      expect(response?.status(), path).toBe(404);
    }
    await expect(other.getByRole("heading", { level: 1, name: "Fant ikke siden" })).toBeVisible();

    // The other network's membership id, used through this network's address.
    const viaOwnNetwork = await other.goto(`/n/ukraina/members/${foreignId}`);
    expect(viaOwnNetwork?.status()).toBe(404);
    const post = await other.request.post(`/n/ukraina/members/${foreignId}`, {
      form: { intent: "update", role: "participant", responsibility: "kapret" },
    });
    expect(post.status()).toBe(404);
    const remove = await other.request.post(`/n/ukraina/members/${foreignId}`, { form: { intent: "remove" } });
    expect(remove.status()).toBe(404);
    await otherContext.close();

    await open(page, `/n/${slug}/members`);
    const row = page.getByRole("row", { name: /Aksel Admin/ });
    await expect(row).toContainText("Fasilitator");
    await expect(row).not.toContainText("kapret");
  });

  test("an address that does not exist answers 404 in Norwegian", async ({ page }) => {
    const response = await open(page, "/finnes/ikke");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Fant ikke siden" })).toBeVisible();
  });
});
