import { expect, test } from "@playwright/test";
import { ACCOUNTS, open, signIn, unique, waitForMail } from "./fixtures";

test.describe("agency administrators", () => {
  test("NAV's agency administrator invites a colleague, changes and removes NAV's members, and has no controls for UDI's", async ({
    page,
    browser,
    request,
  }) => {
    const email = `${unique("kollega")}@nav.example`;
    await signIn(page, ACCOUNTS.agencyAdminNav);

    // The directory names who administers NAV, and offers changes only in NAV's rows.
    await open(page, "/n/ukraina/members");
    const nav = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "Arbeids- og velferdsetaten (NAV)" }) });
    const udi = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "Utlendingsdirektoratet (UDI)" }) });
    await expect(nav.getByText("Virksomhetsadministrator: Nina Administrator")).toBeVisible();
    await expect(nav.getByRole("link", { name: "Endre Henrik Eide" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Endre Nils Representant" })).toBeVisible();
    await expect(nav.getByRole("row", { name: /Nina Administrator/ }).getByRole("link", { name: "Endre ansvaret ditt" })).toBeVisible();
    await expect(udi.getByRole("row", { name: /Ulla Representant/ })).toBeVisible();
    await expect(udi.getByRole("link", { name: /^Endre/ })).toHaveCount(0);
    await expect(page.locator("section").getByRole("link", { name: "Endre Ingrid Fasilitator" })).toHaveCount(0);

    // The invitation form: NAV alone, and only the three agency roles.
    await page.getByRole("link", { name: "Inviter deltakere" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Invitasjoner" })).toBeVisible();
    await expect(page.getByText("Virksomhet: Arbeids- og velferdsetaten (NAV)")).toBeVisible();
    await expect(page.getByLabel("Virksomhet")).toHaveCount(0);
    const roles = await page.getByLabel("Rolle").locator("option").allInnerTexts();
    expect(roles).toEqual(["Representant", "Leder", "Deltaker"]);
    await page.getByLabel("E-post").fill(email);
    await page.getByLabel("Rolle").selectOption({ label: "Deltaker" });
    await page.getByLabel(/Ansvar i nettverket/).fill("Arbeidsrettet oppfølging");
    await page.getByRole("button", { name: "Send invitasjon" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Invitasjonen er sendt til ${email}` })).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("Arbeids- og velferdsetaten");

    const mail = await waitForMail(request, email);
    expect(mail.text).toContain("Nina Administrator har invitert deg til Ukraina-samarbeidet");
    const link = mail.text.match(/https?:\/\/\S+\/invitation\/[\w-]+/)![0];
    const colleagueContext = await browser.newContext();
    const colleague = await colleagueContext.newPage();
    await open(colleague, link);
    await expect(colleague.getByText("som deltaker for Arbeids- og velferdsetaten")).toBeVisible();
    await colleague.getByLabel("Fullt navn").fill("Kari Kollega");
    await colleague.getByLabel("Velg passord").fill("et langt og godt passord");
    await colleague.getByLabel("Gjenta passordet").fill("et langt og godt passord");
    await colleague.getByRole("button", { name: "Bli med" }).click();
    await expect(colleague).toHaveURL(/\/n\/ukraina\?welcome=1$/);
    await colleagueContext.close();

    // The colleague's role and responsibility: the choice is the three roles again.
    await open(page, "/n/ukraina/members");
    await page.getByRole("link", { name: "Endre Kari Kollega" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Endre deltaker: Kari Kollega" })).toBeVisible();
    await expect(page.getByText("Virksomhetsadministrator for NAV: Nina Administrator")).toBeVisible();
    expect(await page.getByLabel("Rolle").locator("option").allInnerTexts()).toEqual(["Representant", "Leder", "Deltaker"]);
    await page.getByLabel("Rolle").selectOption({ label: "Representant" });
    await page.getByLabel("Ansvar").fill("Kontaktperson for arbeid og inkludering");
    await page.getByRole("button", { name: "Lagre" }).click();
    await expect(page.getByText("Endringene er lagret.")).toBeVisible();
    await open(page, "/n/ukraina/members");
    const row = page.getByRole("row", { name: /Kari Kollega/ }).first();
    await expect(row).toContainText("Representant");
    await expect(row).toContainText("Kontaktperson for arbeid og inkludering");

    // And removes her.
    await row.getByRole("link", { name: "Endre Kari Kollega" }).click();
    await page.getByText("Fjern fra nettverket").click();
    await page.getByRole("button", { name: "Ja, fjern Kari Kollega fra nettverket" }).click();
    await expect(page.getByText("Kari Kollega er fjernet fra nettverket.")).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(email) })).toHaveCount(0);

    // UDI's representative (seeded third: membership 3) is not theirs to open, nor to change by a
    // hand-made request.
    const refused = await open(page, "/n/ukraina/members/3");
    expect(refused?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "Ingen tilgang" })).toBeVisible();
    const forged = await page.request.post("/n/ukraina/members/3.data", {
      form: { intent: "update", role: "participant", responsibility: "Kapret" },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(forged.status()).toBe(403);
    await open(page, "/n/ukraina/members");
    await expect(page.getByRole("row", { name: /Ulla Representant/ })).toContainText("adresse på D-nummer");
    await expect(page.getByRole("row", { name: /Ulla Representant/ })).toContainText("Representant");
  });

  test("a participant writes their own responsibility from their row in the directory", async ({ page }) => {
    const text = `Folkeregisteret og D-nummer ${Date.now().toString(36)}`;
    await signIn(page, ACCOUNTS.participant);
    await open(page, "/n/ukraina/members");
    // No one else's row has a control for a participant.
    await expect(page.getByRole("link", { name: /^Endre (?!ansvaret ditt)/ })).toHaveCount(0);
    await page
      .getByRole("row", { name: /Dina Deltaker/ })
      .getByRole("link", { name: "Endre ansvaret ditt" })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Ansvaret ditt i nettverket" })).toBeVisible();
    await expect(page.getByLabel("Rolle")).toHaveCount(0);
    await expect(page.getByText("Fjern fra nettverket")).toHaveCount(0);
    await page.getByLabel("Ansvar").fill("x".repeat(301));
    await page.getByRole("button", { name: "Lagre" }).click();
    await expect(page.getByText("Skjemaet har feil")).toBeVisible();
    await page.getByLabel("Ansvar").fill(text);
    await page.getByRole("button", { name: "Lagre" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Ansvaret ditt er lagret." })).toBeVisible();
    await open(page, "/n/ukraina/members");
    const row = page.getByRole("row", { name: /Dina Deltaker/ });
    await expect(row).toContainText(text);
    await expect(row).toContainText("Deltaker");
  });
});
