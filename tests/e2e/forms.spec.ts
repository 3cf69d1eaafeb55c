import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, open, signIn } from "./fixtures";

/**
 * Every form on every kind of page, submitted with each of its buttons as the browser would build
 * the request: no field may carry two values unless every control of that name is a checkbox or a
 * multiple select (a list by design). A hidden `intent` beside a button named `intent` made the
 * meeting's cancel and delete buttons fail.
 */
async function repeatedFields(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const form of Array.from(document.forms)) {
      const submitters = Array.from(
        form.querySelectorAll<HTMLButtonElement | HTMLInputElement>("button, input[type=submit], input[type=image]"),
      ).filter((b) => b.type === "submit" || b.type === "image");
      for (const submitter of submitters.length ? submitters : [null]) {
        const counts = new Map<string, number>();
        for (const [name] of new FormData(form, submitter)) counts.set(name, (counts.get(name) ?? 0) + 1);
        for (const [name, count] of counts) {
          if (count < 2) continue;
          const controls = Array.from(form.elements).filter((e) => (e as HTMLInputElement).name === name) as HTMLInputElement[];
          const list = controls.every((c) => c.type === "checkbox" || (c instanceof HTMLSelectElement && c.multiple));
          if (!list)
            found.push(
              `${form.getAttribute("action") ?? location.pathname} [${submitter?.textContent?.trim() ?? "enter"}]: ${name} ×${count}`,
            );
        }
      }
    }
    return found;
  });
}

/** One page per route shape (ids replaced), found by following the portal's own links. */
const routeShape = (path: string) => {
  const [where, query = ""] = path.split("?");
  const view = new URLSearchParams(query).get("view");
  return where!.replace(/\/\d+(?=\/|$)/g, "/:id") + (view ? `?view=${view}` : "");
};
// /auth/… leaves for the sign-in provider.
const SKIP = /^\/auth\/|\/(logout|files|export|download)(\/|$)|\.(ics|csv|json|png|svg|xlsx|pdf)$|\/calendar\//;

async function crawl(page: Page, starts: string[], limit = 70) {
  const seen = new Set<string>();
  const queue = [...starts];
  const problems: string[] = [];
  let visited = 0;
  while (queue.length && visited < limit) {
    const path = queue.shift()!;
    const shape = routeShape(path);
    if (seen.has(shape)) continue;
    seen.add(shape);
    const response = await open(page, path);
    visited += 1;
    if (!response || response.status() >= 400) continue;
    problems.push(...(await repeatedFields(page)));
    const links = await page.locator("a[href^='/']").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
    for (const href of links) if (!SKIP.test(href.split("?")[0]) && !seen.has(routeShape(href))) queue.push(href);
  }
  return { problems, visited };
}

test.describe("forms", () => {
  test("no form on a facilitator's pages sends two values for one field", async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page, ACCOUNTS.facilitator);
    const facilitator = await crawl(page, [
      "/n/ukraina",
      "/n/ukraina/meetings/1",
      "/n/ukraina/meetings/1?view=edit",
      "/n/ukraina/measures/1",
      "/n/ukraina/maps",
      "/n/ukraina/evaluations/1",
    ]);
    expect(facilitator.visited).toBeGreaterThan(25);
    expect(facilitator.problems).toEqual([]);
  });

  test("no form on an admin's or a representative's pages sends two values for one field", async ({ page, browser }) => {
    test.setTimeout(180_000);
    await signIn(page, ACCOUNTS.admin);
    const admin = await crawl(page, ["/", "/admin"], 25);
    expect(admin.problems).toEqual([]);
    const context = await browser.newContext();
    const rep = await context.newPage();
    await signIn(rep, ACCOUNTS.representativeNav);
    const representative = await crawl(rep, ["/n/ukraina", "/n/ukraina/figures/report"], 40);
    expect(representative.problems).toEqual([]);
    await context.close();
  });
});
