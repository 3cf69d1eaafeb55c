import { expect, test } from "@playwright/test";
import { ACCOUNTS, open, signIn } from "./fixtures";

test("a user switches to English, and the choice is remembered on the account", async ({ page, browser }) => {
  await signIn(page, ACCOUNTS.leader);
  await expect(page.locator("html")).toHaveAttribute("lang", "nb-NO");
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en-GB");
  await expect(page.getByRole("heading", { level: 1, name: "My networks" })).toBeVisible();
  await open(page, "/n/ukraina/members");
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  await expect(page).toHaveTitle("Members – Samhandlingsportalen");
  await expect(page.getByRole("row", { name: /Ulla Representant/ })).toContainText("Representative");

  // Another browser, signed in as the same person, gets English too.
  const other = await browser.newContext();
  const second = await other.newPage();
  await open(second, "/login");
  await expect(second.locator("html")).toHaveAttribute("lang", "nb-NO");
  await second.getByLabel("E-post").fill(ACCOUNTS.leader);
  await second.getByLabel("Passord", { exact: true }).fill("samhandling-demo");
  await second.getByRole("button", { name: "Logg inn", exact: true }).click();
  await expect(second.locator("html")).toHaveAttribute("lang", "en-GB");
  await expect(second.getByRole("heading", { level: 1, name: "My networks" })).toBeVisible();

  // Error pages speak the same language.
  const response = await second.goto("/n/ukraina/audit");
  expect(response?.status()).toBe(403);
  await expect(second.getByRole("heading", { level: 1, name: "No access" })).toBeVisible();
  await other.close();

  await page.getByRole("button", { name: /Norsk/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nb-NO");
  await expect(page).toHaveTitle("Deltakere – Samhandlingsportalen");
});
