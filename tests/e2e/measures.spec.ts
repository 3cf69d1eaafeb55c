import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, open, signIn, unique } from "./fixtures";

const card = (page: Page, title: string) =>
  page.getByTestId("measure-card").filter({ has: page.getByRole("link", { name: title, exact: true }) });
const column = (page: Page, phase: string) => page.getByTestId(`column-${phase}`);

async function phaseCount(page: Page, phase: string) {
  await open(page, "/n/ukraina/measures/dashboard");
  const row = page.locator("section#per-phase, section[aria-labelledby='per-phase']").getByRole("row", { name: new RegExp(`^${phase}`) });
  return Number((await row.getByRole("cell").nth(1).innerText()).trim());
}

test.describe("measure portfolio", () => {
  test("a representative proposes, a facilitator moves it through the phases, leaders see it, exports hold it", async ({
    page,
    browser,
  }) => {
    const title = `Digital postkasse for flyktninger ${unique("t")}`;
    const leaderContext = await browser.newContext();
    const leader = await leaderContext.newPage();
    await signIn(leader, ACCOUNTS.leader);
    const establishmentBefore = await phaseCount(leader, "Etablering");

    // A NAV representative proposes; it starts as identified whatever else happens.
    const repContext = await browser.newContext();
    const rep = await repContext.newPage();
    await signIn(rep, ACCOUNTS.representativeNav);
    await open(rep, "/n/ukraina/measures/new");
    await expect(rep.getByText("Et foreslått tiltak starter i fasen «Identifisert, kartlegging».")).toBeVisible();
    await rep.getByLabel("Tiltak", { exact: true }).fill(title);
    await rep.getByLabel("Behov").selectOption({ index: 2 });
    await rep.getByRole("checkbox", { name: "UDI", exact: true }).check();
    await rep.getByLabel("Neste steg").fill("Kartlegge hvem som sender brev til flyktninger");
    await rep.getByRole("button", { name: "Lagre tiltaket" }).click();
    await expect(rep.getByText(`Tiltaket «${title}» er lagret.`)).toBeVisible();
    await expect(rep.locator(".stat-list")).toContainText("Identifisert, kartlegging");
    await expect(rep.locator(".stat-list")).toContainText("NAV");
    await repContext.close();

    // The facilitator moves it by keyboard: the card's Move button and the dialog.
    await signIn(page, ACCOUNTS.facilitator);
    await open(page, "/n/ukraina/measures");
    await expect(card(page, title)).toBeVisible();
    await expect(column(page, "identified")).toContainText(title);
    await card(page, title).getByRole("button", { name: /Flytt/ }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("heading", { name: `Flytt «${title}»` })).toBeVisible();
    await dialog.getByLabel("Til fase").selectOption({ label: "Etablering" });
    await dialog.getByLabel("Merknad (valgfritt)").fill("Arbeidsgruppe etablert");
    await dialog.getByLabel("Besluttet i møte (valgfritt)").selectOption({ index: 1 });
    const navigations: string[] = [];
    page.on("framenavigated", (f) => f === page.mainFrame() && navigations.push(f.url()));
    await dialog.getByRole("button", { name: "Flytt tiltaket" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: `«${title}» er flyttet til Etablering.` })).toBeVisible();
    await expect(column(page, "establishment")).toContainText(title);
    expect(navigations, "no page reload").toEqual([]);
    // The focus is back on the moved card's Move button, in its new column, not on the page.
    await expect(card(page, title).getByRole("button", { name: /Flytt/ })).toBeFocused();
    await expect
      .poll(() =>
        page.evaluate(() => ({
          text: document.activeElement?.textContent,
          column: document.activeElement?.closest("[data-testid^=column-]")?.getAttribute("data-testid"),
        })),
      )
      .toEqual({ text: `Flytt ${title}`, column: "column-establishment" });

    // And by dragging it to the next column.
    // Start the drag on the card itself before moving towards the column (moving may scroll the page).
    await card(page, title).scrollIntoViewIfNeeded();
    const box = (await card(page, title).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 12, box.y + 14, { steps: 3 });
    await column(page, "execution").hover({ position: { x: 20, y: 20 } });
    await page.mouse.up();
    await expect(dialog.getByRole("heading", { name: `Flytt «${title}»` })).toBeVisible();
    await expect(dialog.getByLabel("Til fase")).toHaveValue("execution");
    await dialog.getByLabel("Merknad (valgfritt)").fill("Pilot i gang");
    await dialog.getByRole("button", { name: "Flytt tiltaket" }).click();
    await expect(column(page, "execution")).toContainText(title);
    await expect(card(page, title).getByRole("button", { name: /Flytt/ }), "after a drag too").toBeFocused();

    // The timeline shows both moves, with notes, who and the meeting.
    await card(page, title).getByRole("link", { name: title }).click();
    const timeline = page.getByTestId("timeline");
    await expect(timeline.getByRole("listitem").nth(0)).toContainText("Flyttet fra Etablering til Gjennomføring – «Pilot i gang»");
    await expect(timeline.getByRole("listitem").nth(1)).toContainText(
      "Flyttet fra Identifisert, kartlegging til Etablering – «Arbeidsgruppe etablert»",
    );
    await expect(timeline.getByRole("listitem").nth(1)).toContainText("Ingrid Fasilitator");
    await expect(
      timeline
        .getByRole("listitem")
        .nth(1)
        .getByRole("link", { name: /besluttet i møtet/ }),
    ).toBeVisible();
    await expect(timeline.getByRole("listitem").last()).toContainText("Opprettet i fasen Identifisert, kartlegging");

    // The leader's dashboard: establishment gained it and lost it again; execution counts it.
    expect(await phaseCount(leader, "Etablering")).toBe(establishmentBefore);
    await expect(leader.getByRole("row", { name: /^2022-04-18/ })).toBeVisible();
    await leaderContext.close();

    // Exports with the right rows.
    await open(page, "/n/ukraina/measures");
    const csvDownload = page.waitForEvent("download");
    await page.getByRole("link", { name: "Last ned CSV" }).click();
    const csv = await readFile((await (await csvDownload).path())!, "utf8");
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "Tiltak,Behov,Fase,Ansvarlig,Andre virksomheter,Neste steg,Status,Prioritet,Startdato,Sluttdato,I fasen siden,Sist endret",
    );
    expect(lines.find((l) => l.startsWith(title))).toContain(
      ",Gjennomføring,NAV,UDI,Kartlegge hvem som sender brev til flyktninger,I rute,Nødvendig,",
    );
    expect(lines.some((l) => l.startsWith("eID,"))).toBe(true);
    const xlsxDownload = page.waitForEvent("download");
    await page.getByRole("link", { name: "Last ned Excel" }).click();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await (await xlsxDownload).path())!);
    const sheet = workbook.worksheets[0];
    const titles = sheet
      .getColumn(1)
      .values.slice(2)
      .map((v) => (typeof v === "object" && v && "richText" in v ? v.richText.map((r) => r.text).join("") : String(v)));
    expect(titles).toContain(title);
    expect(titles).toContain("Betalingskortet");
    expect(sheet.getRow(1).getCell(3).text).toBe("Fase");
  });

  test("two facilitators move the same card at once: the second is told and sees the current state", async ({ browser }) => {
    const aContext = await browser.newContext();
    const bContext = await browser.newContext();
    const a = await aContext.newPage();
    const b = await bContext.newPage();
    await signIn(a, ACCOUNTS.facilitator);
    await signIn(b, "kari.nordvik@digdir.example");
    const title = "Kommunens rolle i tjenestekjeden";
    await open(a, "/n/ukraina/measures");
    await open(b, "/n/ukraina/measures");
    await expect(column(b, "identified")).toContainText(title);

    await card(a, title).getByRole("button", { name: /Flytt/ }).click();
    await a.getByRole("dialog").getByLabel("Til fase").selectOption("establishment");
    await a.getByRole("dialog").getByRole("button", { name: "Flytt tiltaket" }).click();
    await expect(column(a, "establishment")).toContainText(title);

    // B still sees it as identified and tries to send it elsewhere.
    await card(b, title).getByRole("button", { name: /Flytt/ }).click();
    await b.getByRole("dialog").getByLabel("Til fase").selectOption("outside");
    await b.getByRole("dialog").getByRole("button", { name: "Flytt tiltaket" }).click();
    await expect(b.getByRole("alert")).toContainText("Tiltaket er endret av noen andre siden du lastet siden.");
    await expect(column(b, "establishment")).toContainText(title);
    await expect(column(b, "outside")).not.toContainText(title);
    await expect(card(b, title)).toHaveCount(1);

    await open(a, "/n/ukraina/measures?view=table");
    await expect(a.getByRole("row", { name: new RegExp(title) })).toContainText("Etablering");
    await aContext.close();
    await bContext.close();
  });

  test("a participant cannot move cards, and bad moves change nothing", async ({ page, browser }) => {
    await signIn(page, ACCOUNTS.participant);
    await open(page, "/n/ukraina/measures");
    await expect(card(page, "eID")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Flytt/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Nytt tiltak" })).toHaveCount(0);
    const eidId = (await card(page, "eID").getByRole("link", { name: "eID" }).getAttribute("href"))!.split("/").at(-1)!;
    const refused = await page.request.post("/n/ukraina/measures", {
      form: { intent: "move", measureId: eidId, phase: "outside", version: "3" },
    });
    expect(refused.status()).toBe(403);
    expect((await page.request.get("/n/ukraina/measures/new")).status()).toBe(403);
    expect((await page.request.post("/n/ukraina/measures", { form: { intent: "add-need", title: "Snike inn" } })).status()).toBe(403);

    const facilitatorContext = await browser.newContext();
    const facilitator = await facilitatorContext.newPage();
    await signIn(facilitator, ACCOUNTS.facilitator);
    const bad = async (form: Record<string, string>, status: number) => {
      const res = await facilitator.request.post("/n/ukraina/measures", {
        form: { intent: "move", measureId: eidId, version: "3", ...form },
      });
      expect(res.status(), JSON.stringify(form)).toBe(status);
    };
    await bad({ phase: "finished" }, 400);
    await bad({ phase: "outside", measureId: "999999" }, 404);
    await bad({ phase: "outside", meetingId: "999999" }, 400);
    const created = await facilitator.request.post("/n/ukraina/measures/new", {
      form: { title: "x".repeat(151), status: "on_track", priority: "necessary" },
    });
    expect(created.status()).toBe(400);
    expect(await created.text()).toContain("maks 150 tegn");
    const foreignAgency = await facilitator.request.post("/n/ukraina/measures/new", {
      form: { title: "Ok", status: "on_track", priority: "necessary", responsibleAgencyId: "999999" },
    });
    expect(foreignAgency.status()).toBe(400);
    await open(facilitator, "/n/ukraina/measures?view=table");
    await expect(facilitator.getByRole("row", { name: /^eID/ })).toContainText("Gjennomføring");

    // A facilitator records a new need; it is numbered after the four from the first meeting.
    await facilitator.getByText("Nettverkets behov").click();
    await facilitator.getByLabel("Nytt behov").fill("Samordnet kommunikasjon til kommunene");
    await facilitator.getByRole("button", { name: "Legg til behov" }).click();
    await expect(facilitator.getByText(/Behov \d+ er lagt til\./)).toBeVisible();
    await expect(facilitator.getByLabel("Behov", { exact: true })).toContainText("Samordnet kommunikasjon til kommunene");
    await facilitatorContext.close();
  });
});

test.describe("the meeting picker", () => {
  test("offers every meeting of the network, newest first, and finds one by its date or agenda", async ({ page }) => {
    await signIn(page, ACCOUNTS.facilitator);
    await open(page, "/n/ukraina/meetings");
    const listed = await page
      .locator("table tr")
      .filter({ has: page.locator("a[href*='/meetings/']") })
      .filter({ hasNotText: "Avlyst" })
      .count();
    await open(page, "/n/ukraina/measures");
    await card(page, "eID").getByRole("button", { name: /Flytt/ }).click();
    const dialog = page.getByRole("dialog");
    const picker = dialog.getByLabel("Besluttet i møte (valgfritt)");
    const options = async () => (await picker.locator("option").allInnerTexts()).slice(1);
    const all = await options();
    expect(all.length, "every meeting that was not cancelled").toBe(listed);
    const dates = all.map((o) => o.slice(0, 10));
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates).toContain("2022-04-07");
    expect(dates).toContain("2022-04-21");
    await expect(dialog.getByText(`Viser ${listed} av ${listed} møter.`)).toBeVisible();

    await dialog.getByLabel("Søk etter møte (dato, navn eller sak)").fill("2022-04-07");
    expect(await options()).toHaveLength(1);
    await picker.selectOption({ index: 1 });
    await expect(picker).toHaveValue(/\d+/);
    await dialog.getByLabel("Søk etter møte (dato, navn eller sak)").fill("");
    expect(await options()).toHaveLength(listed);
    // Cancel leaves the card where it was.
    await dialog.getByRole("button", { name: "Avbryt", exact: true }).last().click();
    await expect(dialog).toBeHidden();
    await expect(column(page, "execution")).toContainText("eID");
  });
});
