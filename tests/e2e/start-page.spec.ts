import { expect, test } from "@playwright/test";
import { ACCOUNTS, open, signIn, unique } from "./fixtures";

const day = (offset: number) => new Date(Date.now() + offset * 24 * 60 * 60_000).toISOString().slice(0, 10);

test.describe("the network's start page", () => {
  test("shows the next meeting with its agenda, my action items, what moved since my last visit and the figures published this week", async ({
    page,
    browser,
  }) => {
    test.setTimeout(150_000);
    // A NAV representative looks at the start page: that visit is "last time".
    const repContext = await browser.newContext();
    const rep = await repContext.newPage();
    await signIn(rep, ACCOUNTS.representativeNav);
    await open(rep, "/n/ukraina");
    await expect(rep.getByTestId("start-moved")).toBeVisible();

    // The facilitator plans a meeting with an agenda and gives NAV's representative an action item.
    const title = `Samarbeidsmøte ${unique("s")}`;
    await signIn(page, ACCOUNTS.facilitator);
    await open(page, "/n/ukraina/meetings/new");
    await page.getByLabel("Tittel").fill(title);
    await page.getByLabel("Dato", { exact: true }).fill(day(1));
    await page.getByLabel("Klokkeslett").fill("13:00");
    await page.getByRole("button", { name: "Opprett" }).click();
    await expect(page.getByText(/møtet er opprettet|møter er opprettet/i)).toBeVisible();
    const meetingPath = new URL(page.url()).pathname;
    const agendaForm = page.locator("form").filter({ has: page.locator('input[name="intent"][value="add-item"]') });
    await page.locator("details").filter({ has: agendaForm }).locator("summary").first().click();
    await agendaForm.locator("#new-item-title").fill("Status eID for flyktninger");
    await agendaForm.getByRole("button", { name: "Legg til sak" }).click();
    await expect(page.getByTestId("agenda-item").filter({ hasText: "Status eID for flyktninger" })).toBeVisible();
    const action = `Sende tall for introduksjonsprogrammet ${unique("a")}`;
    await page.locator("#action-text").fill(action);
    await page.locator("#action-agency").selectOption({ label: "NAV" });
    await page.locator("#action-person").selectOption({ label: "Nils Representant" });
    await page.locator("#action-due").fill(day(7));
    await page.getByRole("button", { name: "Legg til oppfølgingspunkt" }).click();
    await expect(page.getByRole("row", { name: new RegExp(action) })).toBeVisible();
    await page.getByRole("button", { name: "Publiser referatet og send det til alle deltakere" }).click();
    await expect(page.getByText(/Referatet er publisert/)).toBeVisible();

    // A new measure in the portfolio.
    const measure = `Felles veiledning om eID ${unique("m")}`;
    await open(page, "/n/ukraina/measures/new");
    await page.getByLabel("Tiltak", { exact: true }).fill(measure);
    await page.getByRole("button", { name: "Lagre tiltaket" }).click();
    await expect(page.getByText(`Tiltaket «${measure}» er lagret.`)).toBeVisible();

    // NAV publishes a figure.
    await open(rep, "/n/ukraina/figures/report");
    await rep.getByLabel("Måltall").selectOption({ label: "Flyktninger fra Ukraina i arbeid (ukentlig)" });
    await rep.getByLabel("Periode").fill("2022-W30");
    await rep.getByLabel("Verdi").fill("1700");
    await rep.getByRole("button", { name: "Lagre som utkast" }).click();
    await open(rep, "/n/ukraina/figures/report");
    await rep.getByRole("button", { name: "Publiser valgte tall" }).click();
    await expect(rep.getByText(/tall er publisert og synlige for nettverket/)).toBeVisible();

    // Back on the start page, each of these is there and leads to its page.
    await open(rep, "/n/ukraina");
    const next = rep.getByTestId("start-next");
    await expect(next.getByRole("link", { name: title })).toHaveAttribute("href", meetingPath);
    await expect(next.getByRole("listitem").filter({ hasText: "Status eID for flyktninger" })).toBeVisible();
    await expect(next.getByRole("link", { name: "Abonner på møtene i kalenderen din" })).toHaveAttribute(
      "href",
      /^\/calendar\/\d+\/[\w-]+\.ics$/,
    );
    const mine = rep.getByTestId("start-actions");
    await expect(mine.getByRole("link", { name: action })).toBeVisible();
    await expect(mine).toContainText(`frist ${day(7)}`);
    const moved = rep.getByTestId("start-moved");
    await expect(moved.getByRole("heading")).toContainText("Tiltak som har endret seg siden");
    await expect(moved.getByRole("listitem").filter({ hasText: measure })).toContainText("nytt");
    await expect(rep.getByTestId("start-minutes").getByRole("link")).toContainText(title);
    await expect(
      rep.getByTestId("start-figures").getByRole("listitem").filter({ hasText: "Flyktninger fra Ukraina i arbeid" }),
    ).toContainText("uke 30 2022");
    await moved.getByRole("link", { name: measure }).click();
    await expect(rep.getByRole("heading", { level: 1, name: measure })).toBeVisible();

    // The next visit starts from here: the measure is no longer news.
    await open(rep, "/n/ukraina");
    await expect(rep.getByTestId("start-moved").getByRole("listitem").filter({ hasText: measure })).toHaveCount(0);
    await repContext.close();
  });
});
