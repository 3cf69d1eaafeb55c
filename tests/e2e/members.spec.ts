import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, open, signIn } from "./fixtures";

test.describe("member directory", () => {
  test("everyone sees who takes part from each agency, filters it and downloads it as CSV", async ({ page }) => {
    await signIn(page, ACCOUNTS.participant);
    await open(page, "/n/ukraina/members");
    await expect(page.getByRole("heading", { level: 1, name: "Deltakere" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Utlendingsdirektoratet (UDI)" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Arbeids- og velferdsetaten (NAV)" })).toBeVisible();
    const ulla = page.getByRole("row", { name: /Ulla Representant/ });
    await expect(ulla).toContainText("Representant");
    await expect(ulla).toContainText("adresse på D-nummer");
    await expect(ulla.getByRole("link", { name: "representant@udi.example" })).toHaveAttribute("href", "mailto:representant@udi.example");
    // A participant cannot edit others (only their own responsibility, from their own row).
    await expect(page.getByRole("link", { name: /^Endre (?!ansvaret ditt)/ })).toHaveCount(0);

    await page.getByLabel("Virksomhet").selectOption({ label: "Utlendingsdirektoratet" });
    await page.getByRole("button", { name: "Filtrer" }).click();
    await expect(page).toHaveURL(/agency=\d+/);
    await expect(page.getByRole("heading", { level: 2 })).toHaveText(["Utlendingsdirektoratet (UDI)"]);
    await expect(page.getByRole("row", { name: /Nils Representant/ })).toHaveCount(0);

    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("link", { name: "Last ned som CSV" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^deltakere-ukraina-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, "utf8");
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("Virksomhet,Navn,E-post,Rolle,Ansvar");
    expect(lines.some((l) => l.startsWith("Utlendingsdirektoratet,Ulla Representant,representant@udi.example,Representant,"))).toBe(true);
    expect(
      lines.every((l, i) => i === 0 || l.startsWith("Utlendingsdirektoratet,")),
      "the filter applies to the file",
    ).toBe(true);
  });

  test("the site admin sees how many take part in each network, as the directory lists them", async ({ page, browser }) => {
    const facilitator = await browser.newContext();
    const directory = await facilitator.newPage();
    await signIn(directory, ACCOUNTS.facilitator);
    await open(directory, "/n/ukraina/members");
    const listed = await directory.locator("a[href^='mailto:']").count();
    expect(listed).toBeGreaterThan(20);
    await facilitator.close();

    await signIn(page, ACCOUNTS.admin);
    await open(page, "/admin");
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Ukraina-samarbeidet" }) });
    await expect(row.getByRole("cell").nth(2)).toHaveText(String(listed));
  });

  test("the meeting list tells meetings of one name apart by their agenda", async ({ page }) => {
    await signIn(page, ACCOUNTS.participant);
    await open(page, "/n/ukraina/meetings");
    const past = page.getByRole("table", { name: "Tidligere møter" });
    const rows = past.getByRole("row").filter({ has: page.getByRole("link", { name: "Ukentlig samarbeidsmøte" }) });
    expect(await rows.count()).toBeGreaterThan(5);
    const topics = await past.getByTestId("meeting-topics").allInnerTexts();
    expect(topics.length).toBe(await rows.count());
    expect(new Set(topics).size, "each meeting's agenda reads differently").toBe(topics.length);
  });

  test("a facilitator changes a member's role and responsibility", async ({ page }) => {
    await signIn(page, ACCOUNTS.facilitator);
    await open(page, "/n/ukraina/members");
    await page.getByRole("link", { name: "Endre Tor Bakke" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Endre deltaker: Tor Bakke" })).toBeVisible();
    await page.getByLabel("Rolle").selectOption({ label: "Representant" });
    await page.getByLabel("Ansvar").fill("Registreringsappen og identitetsdata");
    await page.getByRole("button", { name: "Lagre" }).click();
    await expect(page.getByText("Endringene er lagret.")).toBeVisible();

    await open(page, "/n/ukraina/members");
    const row = page.getByRole("row", { name: /Tor Bakke/ });
    await expect(row).toContainText("Representant");
    await expect(row).toContainText("Registreringsappen og identitetsdata");
    await open(page, "/n/ukraina/audit?kind=member.role_changed");
    await expect(
      page.getByRole("row", {
        name: /Tor Bakke fikk rollen representant \(var deltaker\) og ansvaret «Registreringsappen og identitetsdata»/,
      }),
    ).toBeVisible();
  });

  test("the log finds a move by the words a person types, and reads in English on English pages", async ({ page }) => {
    await signIn(page, ACCOUNTS.facilitator);
    const title = `Felles veiledning ${Date.now().toString(36)}`;
    await open(page, "/n/ukraina/measures/new");
    await page.getByLabel("Tiltak", { exact: true }).fill(title);
    await page.getByRole("button", { name: "Lagre tiltaket" }).click();
    await expect(page.getByText(`Tiltaket «${title}» er lagret.`)).toBeVisible();
    await open(page, "/n/ukraina/measures");
    await page.getByTestId("measure-card").filter({ hasText: title }).getByRole("button", { name: /Flytt/ }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Flytt tiltaket" }).click();
    await expect(page.getByRole("status").filter({ hasText: `«${title}» er flyttet til Etablering.` })).toBeVisible();

    await open(page, "/n/ukraina/audit");
    await page.getByLabel("Søk i beskrivelsen").fill(`flyttet ${title.split(" ").at(-1)}`);
    await page.getByRole("button", { name: "Filtrer" }).click();
    const rows = page.getByRole("table").getByRole("row").filter({ hasText: title });
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText(`Tiltaket «${title}» ble flyttet fra Identifisert, kartlegging til Etablering`);

    await page.getByRole("button", { name: /English/ }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en-GB");
    await expect(page.getByRole("table").getByRole("row").filter({ hasText: title })).toContainText(
      `The measure “${title}” was moved from Identified, mapping to Establishment`,
    );
    await page.getByRole("button", { name: /Norsk/ }).click();
  });

  test("a removed member's old session no longer opens the network", async ({ page, browser, request }) => {
    const memberContext = await browser.newContext();
    const member = await memberContext.newPage();
    await signIn(member, "anders.lie@fhi.example");
    await open(member, "/n/ukraina/members");
    const cookie = (await memberContext.cookies()).find((c) => c.name === "__session")!;

    await signIn(page, ACCOUNTS.facilitator);
    await open(page, "/n/ukraina/members");
    await page.getByRole("link", { name: "Endre Anders Lie" }).click();
    await page.getByText("Fjern fra nettverket").click();
    await page.getByRole("button", { name: "Ja, fjern Anders Lie fra nettverket" }).click();
    await expect(page.getByText("Anders Lie er fjernet fra nettverket.")).toBeVisible();
    await expect(page.getByRole("row", { name: /Anders Lie/ })).toHaveCount(0);

    // The browser that was signed in, and the old cookie replayed by hand: neither gets in.
    await member.goto("/n/ukraina/members");
    await expect(member).not.toHaveURL(/\/n\/ukraina\/members$/);
    const replay = await request.fetch("/n/ukraina/members", {
      headers: { cookie: `__session=${cookie.value}` },
      maxRedirects: 0,
    });
    expect([302, 404]).toContain(replay.status());
    await memberContext.close();
  });
});
