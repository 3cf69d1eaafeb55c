import { expect, test } from "@playwright/test";
import { ACCOUNTS, open, signIn } from "./fixtures";

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test("the menus fold behind one button each, so the page starts near the top, and open and close on a tap", async ({ page }) => {
    await signIn(page, ACCOUNTS.facilitator);
    await open(page, "/n/ukraina/meetings");
    const heading = page.getByRole("heading", { level: 1, name: "Møter" });
    const top = (await heading.boundingBox())!.y;
    expect(top, "header and menu above the page's heading").toBeLessThan(200);
    const networkMenu = page.getByRole("navigation", { name: "Nettverksmeny" });
    await expect(networkMenu.getByRole("link", { name: "Tiltak" })).toBeHidden();
    const toggle = networkMenu.getByRole("button", { name: "Meny: Møter" });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await networkMenu.getByRole("link", { name: "Tiltak" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Tiltak" })).toBeVisible();
    await expect(networkMenu.getByRole("button", { name: "Meny: Tiltak" })).toHaveAttribute("aria-expanded", "false");
    await expect(networkMenu.getByRole("link", { name: "Møter" })).toBeHidden();

    // The site menu: sign-out and the language are one tap away.
    const siteMenu = page.getByRole("banner");
    await expect(siteMenu.getByRole("button", { name: "Logg ut" })).toBeHidden();
    await siteMenu.getByRole("button", { name: "Meny", exact: true }).click();
    await expect(siteMenu.getByRole("button", { name: "Logg ut" })).toBeVisible();
    await expect(siteMenu.getByRole("button", { name: /English/ })).toBeVisible();
  });

  test("the meeting list shows every meeting's status within the screen", async ({ page }) => {
    await signIn(page, ACCOUNTS.participant);
    await open(page, "/n/ukraina/meetings");
    const tags = page.getByRole("table", { name: "Tidligere møter" }).getByText("Referat publisert");
    expect(await tags.count()).toBeGreaterThan(5);
    for (const box of await Promise.all((await tags.all()).map((t) => t.boundingBox()))) {
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
