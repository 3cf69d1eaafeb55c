import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E } from "../../playwright.config";
import { ACCOUNTS, open, signIn, unique, type Mail } from "./fixtures";

/** Signs someone in, in a browser of their own, and answers the survey with the mouse. */
async function answer(browser: Browser, email: string, path: string, value: string, text: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  await open(page, path);
  await page.getByRole("radio", { name: value, exact: true }).check();
  if (text) await page.getByLabel("Hva bør vi gjøre annerledes?").fill(text);
  await page.getByRole("button", { name: "Send svarene" }).click();
  await expect(page.getByText("Du har svart på denne evalueringen.")).toBeVisible();
  return { page, close: () => context.close() };
}

async function mails(page: Page): Promise<Mail[]> {
  return (await (await page.request.get(`http://127.0.0.1:${E2E.smtpHttpPort}/messages`)).json()) as Mail[];
}

test.describe("evaluations", () => {
  test("build, open, answer as three, remind the others; report hidden below five, shown above; themes and CSV", async ({
    page,
    browser,
  }) => {
    // One long journey with five browsers; generous on a busy two-core machine.
    test.setTimeout(300_000);
    const title = unique("Evaluering av våren");

    // Build: a Likert question with "don't know" and a free-text question, then preview.
    await signIn(page, ACCOUNTS.facilitator);
    await open(page, "/n/ukraina/evaluations");
    await page.getByLabel("Tittel").fill(title);
    await page.getByRole("button", { name: "Opprett evalueringen" }).click();
    await expect(page.getByText("Evalueringen er opprettet.")).toBeVisible();
    const path = new URL(page.url()).pathname;
    await page.getByLabel("Del av evalueringen", { exact: true }).fill("Nytte");
    await page.getByLabel("Spørsmål", { exact: true }).fill("I hvilken grad har samarbeidet gitt nytte?");
    await page.getByLabel("Tillat «Vet ikke»").check();
    await page.getByRole("button", { name: "Legg til spørsmålet" }).click();
    await expect(page.getByText("Spørsmålet er lagt til.")).toBeVisible();
    await page.getByLabel("Type", { exact: true }).selectOption({ label: "Fritekst" });
    await page.getByLabel("Spørsmål", { exact: true }).fill("Hva bør vi gjøre annerledes?");
    await page.getByRole("button", { name: "Legg til spørsmålet" }).click();
    await expect(page.getByRole("cell", { name: "Hva bør vi gjøre annerledes?", exact: true })).toBeVisible();
    await page.getByRole("link", { name: "Forhåndsvis evalueringen" }).click();
    await expect(page.getByText("Forhåndsvisning")).toBeVisible();
    await expect(page.getByRole("radio", { name: "Vet ikke" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Send svarene" })).toBeDisabled();

    // Open it to IMDi, NAV and UDI; each member gets an email with the link.
    await open(page, path);
    for (const agency of ["IMDi", "NAV", "UDI"]) await page.getByRole("checkbox", { name: agency, exact: true }).check();
    await page.getByRole("button", { name: "Åpne og send e-post" }).click();
    await expect(page.getByText("Evalueringen er åpnet")).toBeVisible();
    const invited = Number((await page.getByTestId("response-rate").textContent())!.match(/av (\d+)/)![1]);
    expect(invited).toBeGreaterThanOrEqual(9);
    await expect
      .poll(
        async () => (await mails(page)).find((m) => m.to.includes(ACCOUNTS.leader) && m.subject === `Evaluering: ${title}`)?.text ?? "",
        { timeout: 15_000 },
      )
      .toContain(path);

    // Three answer: two with the mouse, one keyboard only after saving a draft on the device.
    const nav = await answer(browser, ACCOUNTS.representativeNav, path, "4", "Færre og mindre møter per behov");
    const udi = await answer(browser, ACCOUNTS.representativeUdi, path, "5 – I stor grad", "");
    const kbContext = await browser.newContext();
    const kb = await kbContext.newPage();
    await signIn(kb, "amina.hassan@imdi.example");
    await open(kb, path);
    await kb.getByRole("radio", { name: "1 – I liten grad" }).focus();
    await kb.keyboard.press("ArrowRight");
    await kb.keyboard.press("ArrowRight");
    await expect(kb.getByRole("radio", { name: "3", exact: true })).toBeChecked();
    await kb.keyboard.press("Tab");
    await expect(kb.getByLabel("Hva bør vi gjøre annerledes?")).toBeFocused();
    await kb.keyboard.type("Tydeligere roller og eierskap");
    await kb.getByRole("button", { name: "Lagre utkast på denne enheten" }).click();
    await expect(kb.getByText("Utkastet er lagret på denne enheten.")).toBeVisible();
    await kb.reload();
    await expect(kb.getByText("Utkastet ditt fra denne enheten er hentet fram.")).toBeVisible();
    await expect(kb.getByRole("radio", { name: "3", exact: true })).toBeChecked();
    await expect(kb.getByLabel("Hva bør vi gjøre annerledes?")).toHaveValue("Tydeligere roller og eierskap");
    await kb.getByLabel("Hva bør vi gjøre annerledes?").focus();
    await kb.keyboard.press("Tab");
    await expect(kb.getByRole("button", { name: "Send svarene" })).toBeFocused();
    await kb.keyboard.press("Enter");
    await expect(kb.getByText("Du har svart på denne evalueringen.")).toBeVisible();

    // A second answer from the same person is refused and changes nothing.
    const again = await nav.page.request.post(path, { form: { intent: "answer", [`q${await questionId(page, path)}`]: "1" } });
    expect(again.status()).toBe(400);
    expect(await again.text()).toContain("Du har allerede svart på denne evalueringen.");

    // The others get a reminder; those who answered do not.
    await open(page, path);
    await expect(page.getByTestId("response-rate")).toContainText(`3 av ${invited} har svart`);
    await page.getByRole("button", { name: "Send påminnelse nå" }).click();
    await expect(page.getByText(`Påminnelse er sendt til ${invited - 3} personer som ikke har svart.`)).toBeVisible();
    await expect
      .poll(async () => (await mails(page)).filter((m) => m.subject === `Påminnelse: ${title}`).length, { timeout: 15_000 })
      .toBe(invited - 3);
    const reminded = (await mails(page)).filter((m) => m.subject === `Påminnelse: ${title}`).flatMap((m) => m.to);
    expect(reminded).not.toContain(ACCOUNTS.representativeNav);
    expect(reminded).not.toContain("amina.hassan@imdi.example");

    // Closed with three answers: the report stays hidden, for the facilitator too.
    await page.getByRole("button", { name: "Lukk evalueringen nå" }).click();
    await expect(page.getByText("Evalueringen er lukket.")).toBeVisible();
    await open(page, `${path}/report`);
    await expect(page.getByTestId("report-hidden")).toContainText("færre enn 5 svar");
    // An answer after closing is refused.
    const late = await udi.page.request.post(path, { form: { intent: "answer" } });
    expect(late.status()).toBe(400);

    // Opened again, two more answer; closed with five, the report shows.
    await open(page, path);
    await page.getByRole("button", { name: "Åpne igjen" }).click();
    await expect(page.getByText("Evalueringen er åpnet igjen.")).toBeVisible();
    const leader = await answer(browser, ACCOUNTS.leader, path, "Vet ikke", "Bedre forankring i departementene");
    const fifth = await answer(browser, "hanne.moe@udi.example", path, "4", "");
    await open(page, path);
    await page.getByRole("button", { name: "Lukk evalueringen nå" }).click();
    await expect(page.getByText("Evalueringen er lukket.")).toBeVisible();
    await open(page, `${path}/report`);
    await expect(page.getByTestId("report-rate")).toContainText(`5 av ${invited} har svart`);
    const summary = page.getByRole("table", { name: "Spørsmål med skala 1–5" });
    // 4, 5, 3, 4 and one "don't know": average 4.00, three of four answered 4–5.
    await expect(summary.getByRole("row", { name: /gitt nytte/ })).toContainText("4,00");
    await expect(summary.getByRole("row", { name: /gitt nytte/ })).toContainText("75 %");

    // Themes: tag two answers and see them grouped.
    const tagging = page.locator("details").filter({ hasText: "Sett tema på svarene" });
    const tag = async (text: string, themes: string) => {
      // After saving, the page comes back scrolled to the answer, which may already open the list.
      if ((await tagging.getAttribute("open")) === null) await tagging.locator("summary").click();
      const item = tagging.getByRole("listitem").filter({ hasText: text });
      await item.getByLabel("Temaer (skill med komma)").fill(themes);
      await item.getByRole("button", { name: /Lagre tema/ }).click();
      await expect(page.getByText("Temaene er lagret.")).toBeVisible();
    };
    await tag("Tydeligere roller og eierskap", "Organisering og styring");
    await tag("Bedre forankring i departementene", "Organisering og styring");
    const groups = page.getByTestId("theme-groups");
    await expect(groups.getByRole("heading", { name: "Organisering og styring (2)" })).toBeVisible();
    await expect(groups.getByRole("heading", { name: "Uten tema (1)" })).toBeVisible();

    // CSV: the averages and the free texts with their themes.
    const csv = await page.request.get(`${path}/report.csv`);
    expect(csv.status()).toBe(200);
    const body = await csv.text();
    expect(body).toContain("I hvilken grad har samarbeidet gitt nytte?,4,4,75,0,0,1,2,1,1");
    expect(body).toContain("Hva bør vi gjøre annerledes?,Tydeligere roller og eierskap,Organisering og styring");

    // Members see nothing until the facilitator shares; then the shared questions.
    expect((await leader.page.request.get(`${path}/report`)).status()).toBe(404);
    await page.getByRole("checkbox", { name: "Hva bør vi gjøre annerledes?" }).uncheck();
    await page.getByRole("button", { name: "Del de valgte" }).click();
    await expect(page.getByText("Resultatene er delt med deltakerne.")).toBeVisible();
    await open(leader.page, `${path}/report`);
    await expect(leader.page.getByRole("table", { name: "Spørsmål med skala 1–5" })).toContainText("4,00");
    await expect(leader.page.getByText("Tydeligere roller og eierskap")).toHaveCount(0);

    // Someone outside the network, or another network's id, finds nothing.
    const outsider = await browser.newContext();
    const admin = await outsider.newPage();
    await signIn(admin, ACCOUNTS.admin);
    expect((await admin.request.get(path)).status()).toBe(404);
    expect((await page.request.get("/n/ukraina/evaluations/999999")).status()).toBe(404);
    for (const c of [nav, udi, leader, fifth]) await c.close();
    await kbContext.close();
    await outsider.close();
  });
});

/** The Likert question's id, read from the survey page's form (a facilitator may preview). */
async function questionId(page: Page, path: string) {
  await open(page, `${path}?preview=1`);
  const name = await page.getByRole("radio", { name: "Vet ikke" }).getAttribute("name");
  return name!.slice(1);
}
