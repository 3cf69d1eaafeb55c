import { expect, test } from "@playwright/test";
import { ACCOUNTS, open, signIn, unique, waitForMail } from "./fixtures";

test.describe("invitations", () => {
  test("a facilitator invites by email; the invitee joins through the link, once", async ({ page, browser, request }) => {
    const email = `${unique("ny")}@bufdir.example`;
    await signIn(page, ACCOUNTS.facilitator);
    await open(page, "/n/ukraina/invitations");
    await page.getByLabel("E-post").fill(email);
    await page.getByLabel("Rolle").selectOption({ label: "Representant" });
    await page.getByLabel("Virksomhet").selectOption({ label: "Barne-, ungdoms- og familiedirektoratet (Bufdir)" });
    await page.getByLabel(/Ansvar i nettverket/).fill("Kontaktperson for enslige mindreårige");
    await page.getByRole("button", { name: "Send invitasjon" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Invitasjonen er sendt til ${email}` })).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(email) })).toBeVisible();

    // The email arrives at the SMTP server, in Norwegian, with the link.
    const mail = await waitForMail(request, email);
    expect(mail.subject).toBe("Invitasjon til Ukraina-samarbeidet");
    expect(mail.text).toContain("Ingrid Fasilitator har invitert deg til Ukraina-samarbeidet");
    const link = mail.text.match(/https?:\/\/\S+\/invitation\/[\w-]+/)?.[0];
    expect(link, "the email holds a link").toBeTruthy();

    // The invitee, in a browser of their own.
    const inviteeContext = await browser.newContext();
    const invitee = await inviteeContext.newPage();
    await open(invitee, link!);
    await expect(invitee.getByRole("heading", { level: 1, name: "Bli med i Ukraina-samarbeidet" })).toBeVisible();
    await expect(invitee.getByText("som representant for Barne-, ungdoms- og familiedirektoratet")).toBeVisible();
    await invitee.getByLabel("Fullt navn").fill("Berit Ny");
    await invitee.getByLabel("Velg passord").fill("kort");
    await invitee.getByLabel("Gjenta passordet").fill("kort");
    await invitee.getByRole("button", { name: "Bli med" }).click();
    await expect(invitee.getByText("Passordet må ha minst 10 tegn.").first()).toBeVisible();

    await invitee.getByLabel("Velg passord").fill("et langt og godt passord");
    await invitee.getByLabel("Gjenta passordet").fill("et langt og godt passord");
    await invitee.getByRole("button", { name: "Bli med" }).click();
    await expect(invitee).toHaveURL(/\/n\/ukraina\?welcome=1$/);
    await expect(invitee.getByText("Velkommen, Berit Ny. Du er med som representant.")).toBeVisible();

    await open(invitee, "/n/ukraina/members");
    const row = invitee.getByRole("row", { name: /Berit Ny/ });
    await expect(row).toContainText("Kontaktperson for enslige mindreårige");
    await expect(row).toContainText(email);

    // The link is spent.
    const again = await inviteeContext.newPage();
    const response = await again.goto(link!);
    expect(response?.status()).toBe(410);
    await expect(again.getByText("Invitasjonen er allerede brukt.")).toBeVisible();
    await inviteeContext.close();

    // And the facilitator no longer sees it as pending.
    await open(page, "/n/ukraina/invitations");
    await expect(page.getByRole("row", { name: new RegExp(email) })).toHaveCount(0);
  });

  test("the invitation form answers bad input by its fields and sends nothing", async ({ page }) => {
    await signIn(page, ACCOUNTS.facilitator);
    await open(page, "/n/ukraina/invitations");
    await page.getByLabel("E-post").fill("ikke en adresse");
    await page.getByRole("button", { name: "Send invitasjon" }).click();
    const summary = page.getByRole("heading", { name: "Skjemaet har feil" });
    await expect(summary).toBeVisible();
    await expect(page.getByText("Skriv en gyldig e-postadresse").first()).toBeVisible();
    await expect(page.getByText("Velg en virksomhet fra listen.").first()).toBeVisible();
    await expect(page.getByRole("row", { name: /ikke en adresse/ })).toHaveCount(0);
  });

  test("an unknown invitation link says so", async ({ page }) => {
    const response = await open(page, "/invitation/finnes-ikke");
    expect(response?.status()).toBe(404);
    await expect(page.getByText("Vi finner ikke denne invitasjonen.")).toBeVisible();
  });
});
