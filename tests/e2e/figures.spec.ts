import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { ACCOUNTS, open, signIn, unique } from "./fixtures";

const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(";")).join("\r\n") + "\r\n");

async function upload(page: Page, name: string, buffer: Buffer) {
  await page.getByLabel("Fil").setInputFiles({
    name,
    mimeType: name.endsWith(".csv") ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer,
  });
  await page.getByRole("button", { name: "Kontroller filen" }).click();
  await expect(page.getByTestId("upload-preview")).toBeVisible();
}

test.describe("production figures", () => {
  test("a facilitator defines a metric; NAV uploads, fixes and publishes; a leader sees chart, table and '< 5'", async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000);
    const name = unique("Deltakere i introduksjonsprogram");

    // The facilitator defines the metric: reported by NAV, weekly, small values hidden below 5.
    await signIn(page, ACCOUNTS.facilitator);
    await open(page, "/n/ukraina/figures/metrics");
    await page.getByLabel("Navn", { exact: true }).fill(name);
    await page.getByLabel("Enhet").fill("personer");
    await page.getByLabel("Fase i reisen").selectOption({ label: "Arbeid og kvalifisering" });
    await page.getByLabel("Rapporteres av").selectOption({ label: "NAV – Arbeids- og velferdsetaten" });
    await page.getByLabel("Frekvens").selectOption({ label: "ukentlig" });
    await page.getByLabel("Skjul små verdier").fill("5");
    await page.getByRole("button", { name: "Definer måltallet" }).click();
    await expect(page.getByText("Måltallet er definert.")).toBeVisible();
    const metricPath = new URL(page.url()).pathname;

    // NAV's representative uploads a CSV with one bad row: the row says why, nothing is saved.
    const nav = await (await browser.newContext()).newPage();
    await signIn(nav, ACCOUNTS.representativeNav);
    await open(nav, "/n/ukraina/figures/report");
    await upload(
      nav,
      "uke-20-22.csv",
      csv([
        ["måltall", "periode", "verdi", "kommentar"],
        [name, "2022-W20", "12", ""],
        [name, "2022-W21", "tolv", ""],
        [name, "2022-W22", "3", "få nye i uken"],
      ]),
    );
    const preview = nav.getByTestId("upload-preview");
    await expect(preview.getByRole("alert")).toContainText("1 rad i «uke-20-22.csv» har feil. Ingenting er lagret.");
    await expect(preview.getByRole("row").filter({ hasText: "tolv" })).toContainText("«tolv» er ikke et tall.");
    await expect(preview.getByRole("button", { name: /Lagre .* som utkast/ })).toHaveCount(0);
    await open(nav, metricPath);
    await expect(nav.getByText("Ingen publiserte tall ennå.")).toBeVisible();

    // Fixed, the file is clean; confirming saves drafts, which only NAV (and facilitators) see.
    await open(nav, "/n/ukraina/figures/report");
    await upload(
      nav,
      "uke-20-22.csv",
      csv([
        ["måltall", "periode", "verdi", "kommentar"],
        [name, "2022-W20", "12", ""],
        [name, "2022-W21", "9", ""],
        [name, "2022-W22", "3", "få nye i uken"],
      ]),
    );
    await expect(preview.getByRole("status")).toContainText("Alle rader i «uke-20-22.csv» er i orden (3).");
    await preview.getByRole("button", { name: "Lagre 3 tall som utkast" }).click();
    await expect(nav.getByText("3 tall er lagret som utkast.")).toBeVisible();
    await open(nav, "/n/ukraina/figures/report");
    const drafts = nav.locator("#drafts-table");
    await expect(drafts.getByRole("row").filter({ hasText: name })).toHaveCount(3);

    const leaderContext = await browser.newContext();
    const leader = await leaderContext.newPage();
    await signIn(leader, ACCOUNTS.leader);
    await open(leader, metricPath);
    await expect(leader.getByText("Ingen publiserte tall ennå.")).toBeVisible();

    await nav.getByRole("button", { name: "Publiser valgte tall" }).click();
    await expect(nav.getByText(/tall er publisert og synlige for nettverket/)).toBeVisible();

    // The leader (IMDi) sees the metric's chart and its numbers; 3 is below 5 and shows as "< 5".
    await open(leader, "/n/ukraina/figures?stage=work");
    const card = leader.getByTestId("metric-card").filter({ hasText: name });
    await expect(card.getByRole("img", { name: `Utviklingen for «${name}»` })).toBeVisible();
    await expect(card.locator(".recharts-line-curve")).toBeVisible();
    await card.getByText("Vis tallene").click();
    const table = card.getByRole("table");
    await expect(table.getByRole("row", { name: /uke 20 2022/ })).toContainText("12");
    await expect(table.getByRole("row", { name: /uke 22 2022/ })).toContainText("< 5");
    await expect(card).toContainText("< 5 uke 22 2022");
    await open(leader, metricPath);
    await expect(leader.getByRole("row", { name: /uke 22 2022/ })).toContainText("< 5");
    // The CSV holds what the page shows, no more.
    const href = `/n/ukraina/figures.csv?chart=metric&metric=${metricPath.split("/").pop()}&from=2022-01-01`;
    const download = await leader.request.get(href);
    expect(download.status()).toBe(200);
    const text = await download.text();
    expect(text).toContain("uke 22 2022,2022-05-30,< 5");
    expect(text).toContain("uke 20 2022,2022-05-16,12");
    expect(text).not.toMatch(/2022-05-30,3\b/);

    // NAV, the reporting agency, sees the exact value.
    await open(nav, metricPath);
    await expect(nav.getByRole("row", { name: /uke 22 2022/ })).toContainText("3");
    await expect(nav.getByRole("row", { name: /uke 22 2022/ })).not.toContainText("< 5");
    await leaderContext.close();
    await nav.context().close();
  });

  test("when NAV reports weeks ahead of the others, the journey flow still shows the whole journey, and the week can be chosen", async ({
    page,
    browser,
  }) => {
    const nav = await (await browser.newContext()).newPage();
    await signIn(nav, ACCOUNTS.representativeNav);
    await open(nav, "/n/ukraina/figures/report");
    const metric = "Flyktninger fra Ukraina i arbeid";
    await upload(
      nav,
      "uke-27-29.csv",
      csv([
        ["måltall", "periode", "verdi", "kommentar"],
        [metric, "2022-W27", "1510", ""],
        [metric, "2022-W28", "1580", ""],
        [metric, "2022-W29", "1655", ""],
      ]),
    );
    await nav.getByTestId("upload-preview").getByRole("button", { name: "Lagre 3 tall som utkast" }).click();
    await expect(nav.getByText("3 tall er lagret som utkast.")).toBeVisible();
    await open(nav, "/n/ukraina/figures/report");
    await nav.getByRole("button", { name: "Publiser valgte tall" }).click();
    await expect(nav.getByText(/tall er publisert og synlige for nettverket/)).toBeVisible();
    await nav.context().close();

    await signIn(page, ACCOUNTS.leader);
    await open(page, "/n/ukraina/figures");
    // The newest week every stage has reported, not NAV's week 29 with one bar.
    await expect(page.getByRole("heading", { name: "Flyten i reisen, uke 26 2022" })).toBeVisible();
    const flowTable = page.getByRole("table", { name: "Flyten siste periode" });
    for (const name of ["Registrerte ankomster", "Bosatt i kommune", metric])
      await expect(flowTable.getByRole("row").filter({ hasText: name })).not.toContainText("Ikke publisert");
    const week = page.getByLabel("Uke i flyten");
    await expect(week.locator("option").first()).toHaveText(/^uke 29 2022 \(1 av \d+ etapper rapportert\)$/);
    await week.selectOption({ label: (await week.locator("option").first().textContent())! });
    await page.getByRole("button", { name: "Vis uken" }).click();
    await expect(page.getByRole("heading", { name: "Flyten i reisen, uke 29 2022" })).toBeVisible();
    await expect(flowTable.getByRole("row").filter({ hasText: metric })).toContainText("1 655");
    // The other stages say what they have instead of a blank.
    await expect(flowTable.getByRole("row").filter({ hasText: "Registrerte ankomster" })).toContainText(
      /Ikke publisert for denne perioden \(siste: uke 26 2022, [\d\s]+/,
    );
  });

  test("a correction after publishing keeps the old value; locked periods refuse changes", async ({ page, browser }) => {
    await signIn(page, ACCOUNTS.representativeUdi);
    await open(page, "/n/ukraina/figures/report");
    await page.getByLabel("Måltall").selectOption({ label: "Vedtak per dag (ukentlig)" });
    await page.getByLabel("Periode").fill("2022-W26");
    await page.getByLabel("Verdi").fill("298");
    await page.getByLabel("Kommentar").fill("Dobbeltregistreringer fjernet");
    await page.getByRole("button", { name: "Lagre som utkast" }).click();
    await expect(page.getByText("Det publiserte tallet er rettet.")).toBeVisible();
    await open(page, "/n/ukraina/figures/metrics/3");
    const row = page.getByRole("row", { name: /uke 26 2022/ });
    await expect(row).toContainText("298");
    await expect(row).toContainText("rettet");
    await row.getByText("3 endringer").click();
    await expect(row).toContainText("publisert 302");
    await expect(row).toContainText("rettet til 298");

    // The facilitator locks April; UDI can no longer change a week in it.
    const facilitator = await (await browser.newContext()).newPage();
    await signIn(facilitator, ACCOUNTS.facilitator);
    await open(facilitator, "/n/ukraina/figures/metrics");
    await facilitator.getByLabel("Lås alle perioder som begynner til og med").fill("2022-04-30");
    await facilitator.getByRole("button", { name: "Lagre låsen" }).click();
    await expect(facilitator.getByText("Perioder som begynner til og med 2022-04-30 er låst.").first()).toBeVisible();
    await open(page, "/n/ukraina/figures/report");
    await page.getByLabel("Periode").fill("2022-W15");
    await page.getByLabel("Verdi").fill("1");
    await page.getByRole("button", { name: "Lagre som utkast" }).click();
    await expect(page.getByText("Perioder til og med 2022-04-30 er låst og kan ikke endres.").first()).toBeVisible();
    await facilitator.getByLabel("Lås alle perioder som begynner til og med").fill("");
    await facilitator.getByRole("button", { name: "Lagre låsen" }).click();
    await expect(facilitator.getByText("Ingen perioder er låst lenger.")).toBeVisible();
    await facilitator.context().close();
  });

  test("bad files and wrong rights change nothing", async ({ page }) => {
    await signIn(page, ACCOUNTS.representativeUdi);
    await open(page, "/n/ukraina/figures/report");

    // Another agency's metric, a date that is not a Monday, a negative count, a duplicate: each row says why.
    await upload(
      page,
      "feil.csv",
      csv([
        ["måltall", "periode", "verdi"],
        ["Bosatt i kommune", "2022-W20", "10"],
        ["Vedtak per dag", "2022-05-18", "300"],
        ["Vedtak per dag", "2022-W21", "-4"],
        ["Vedtak per dag", "2022-W19", "300"],
        ["Vedtak per dag", "2022w19", "301"],
        ["Ukjent tall", "2022-W19", "1"],
      ]),
    );
    const preview = page.getByTestId("upload-preview");
    await expect(preview.getByRole("alert")).toContainText("5 rader i «feil.csv» har feil.");
    await expect(preview).toContainText("Måltallet rapporteres av IMDi, ikke av din virksomhet.");
    await expect(preview).toContainText("Ukentlige tall gjelder en hel uke");
    await expect(preview).toContainText("Verdien kan ikke være negativ.");
    await expect(preview).toContainText("Samme måltall og periode som linje 5.");
    await expect(preview).toContainText("Ukjent måltall «Ukjent tall».");

    // Wrong columns; an Excel file with a formula; a macro workbook; a file over the limit.
    await page
      .getByLabel("Fil")
      .setInputFiles({ name: "feil.csv", mimeType: "text/csv", buffer: Buffer.from("måltall,dato,tall\na,b,c\n") });
    await page.getByRole("button", { name: "Kontroller filen" }).click();
    await expect(page.getByText("Filen mangler kolonnene: periode, verdi.")).toBeVisible();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Tall");
    sheet.addRow(["måltall", "periode", "verdi"]);
    sheet.addRow(["Vedtak per dag", "2022-W20", { formula: "300+5", result: 305 }]);
    await upload(page, "tall.xlsx", Buffer.from(await book.xlsx.writeBuffer()));
    await expect(preview).toContainText("Raden har en formel. Lim inn verdiene i stedet.");
    await page.getByLabel("Fil").setInputFiles({
      name: "tall.xlsm",
      mimeType: "application/vnd.ms-excel.sheet.macroEnabled.12",
      buffer: Buffer.from(await book.xlsx.writeBuffer()),
    });
    await page.getByRole("button", { name: "Kontroller filen" }).click();
    await expect(page.getByText("Filen inneholder makroer og blir ikke lest.")).toBeVisible();
    const big = await page.request.post("/n/ukraina/figures/report", {
      headers: { Origin: new URL(page.url()).origin },
      multipart: { file: { name: "stor.csv", mimeType: "text/csv", buffer: Buffer.alloc(50 * 1024 * 1024, 0x31) } },
    });
    expect(big.status()).toBe(413);
    expect(await big.text()).toContain("Filen er for stor.");

    // A representative cannot write another agency's figures, even by a hand-made request.
    const form = { intent: "save", metricId: "6", period: "2022-W20", value: "1", comment: "" };
    expect((await page.request.post("/n/ukraina/figures/report", { form })).status()).toBe(403);
    // Nor can a participant report, or anyone reach a metric that does not exist.
    expect((await page.request.get("/n/ukraina/figures/metrics/999999")).status()).toBe(404);
    expect((await page.request.get("/n/ukraina/figures?from=i-går")).status()).toBe(400);
    const participant = page.context();
    await participant.clearCookies();
    await signIn(page, ACCOUNTS.participant);
    expect((await page.request.get("/n/ukraina/figures/report")).status()).toBe(403);
    expect((await page.request.post("/n/ukraina/figures/report", { form: { ...form, metricId: "4" } })).status()).toBe(403);
    expect((await page.request.post("/n/ukraina/figures/metrics", { form: { intent: "lock", through: "2022-06-30" } })).status()).toBe(403);
  });
});
