import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, expand, open, signIn, unique, waitForMail } from "./fixtures";

const day = (offset: number) => new Date(Date.now() + offset * 24 * 60 * 60_000).toISOString().slice(0, 10);

async function createSeries(page: Page, title: string, start = 7, until = 21) {
  await open(page, "/n/ukraina/meetings/new");
  await page.getByLabel("Tittel").fill(title);
  await page.getByLabel("Dato", { exact: true }).fill(day(start));
  await page.getByLabel("Klokkeslett").fill("13:00");
  await page.getByLabel("Gjentas").selectOption({ label: "Hver uke" });
  await page.getByLabel("Til og med dato (for serier)").fill(day(until));
  await page.getByRole("button", { name: "Opprett" }).click();
  await expect(page.getByText(/3 møter er opprettet\./)).toBeVisible();
  return page.url().split("?")[0];
}

async function addItem(page: Page, title: string, minutes: string) {
  const form = page.locator("form").filter({ has: page.locator('input[name="intent"][value="add-item"]') });
  await expand(page.locator("details").filter({ has: form }));
  await form.locator("#new-item-title").fill(title);
  await form.locator("#new-item-minutes").fill(minutes);
  await form.getByRole("button", { name: "Legg til sak" }).click();
  await expect(page.getByTestId("agenda-item").filter({ hasText: title })).toBeVisible();
}

const agendaTitles = (page: Page) => page.locator(".agenda-item__title").allInnerTexts();

test.describe("meetings and minutes", () => {
  test("a facilitator runs a meeting from series to published minutes; a participant reads, searches and subscribes", async ({
    page,
    browser,
    request,
  }) => {
    const title = `Statusmøte ${unique("m")}`;
    await signIn(page, ACCOUNTS.facilitator);
    const meetingUrl = await createSeries(page, title);

    // Agenda: add, then reorder by keyboard and by dragging.
    await addItem(page, "Løsning for adresse på D-nummer", "20");
    await addItem(page, "Status eID", "15");
    await addItem(page, "Runde rundt bordet", "30");
    await expect(page.getByText("Planlagt 65 av 60 minutter.")).toHaveCount(0);
    await expect(page.getByText("Sakslisten er 5 minutter lengre enn møtet.")).toBeVisible();
    await page.getByRole("button", { name: "Flytt ned: Løsning for adresse på D-nummer" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => agendaTitles(page)).toEqual(["1. Status eID", "2. Løsning for adresse på D-nummer", "3. Runde rundt bordet"]);
    await page
      .getByTestId("agenda-item")
      .filter({ hasText: "Runde rundt bordet" })
      .dragTo(page.getByTestId("agenda-item").filter({ hasText: "Status eID" }));
    await expect.poll(() => agendaTitles(page)).toEqual(["1. Runde rundt bordet", "2. Status eID", "3. Løsning for adresse på D-nummer"]);
    await page.reload();
    await expect.poll(() => agendaTitles(page)).toEqual(["1. Runde rundt bordet", "2. Status eID", "3. Løsning for adresse på D-nummer"]);

    // Attendance.
    await page.getByRole("checkbox", { name: "NAV", exact: true }).check();
    await page.getByRole("checkbox", { name: "UDI", exact: true }).check();
    await page.getByRole("button", { name: "Lagre oppmøte" }).click();
    await expect(page.getByText("Oppmøtet er lagret.")).toBeVisible();
    await expect(page.getByRole("checkbox", { name: "UDI", exact: true })).toBeChecked();

    // Minutes with a preview; script in Markdown stays inert.
    await page.getByRole("link", { name: "Skriv referat" }).click();
    const minutes =
      "## Adresser\n\nUDI sender **adressen** til Folkeregisteret ved tildeling av D-nummer.\n\n<script>window.hacked = true</script>";
    await page.getByLabel("Referat (Markdown)").fill(minutes);
    await page.getByRole("button", { name: "Forhåndsvis" }).click();
    await expect(page.locator(".minutes-body strong")).toHaveText("adressen");
    await page.getByRole("button", { name: "Lagre referat" }).click();
    await expect(page.getByText("Referatet er lagret.")).toBeVisible();
    await open(page, meetingUrl);
    await expect(page.locator(".minutes-body")).toContainText("UDI sender adressen til Folkeregisteret");
    await expect(page.locator(".minutes-body script")).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { hacked?: boolean }).hacked)).toBeUndefined();

    // A decision and an action item as records.
    await page.locator("#decision-text").fill("UDI registrerer adresse ved tildeling av D-nummer");
    await page.getByRole("button", { name: "Legg til vedtak" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: "UDI registrerer adresse ved tildeling av D-nummer" })).toBeVisible();
    await page.locator("#action-text").fill("Teste adresseflyten i testmiljø");
    await page.locator("#action-agency").selectOption({ label: "Skatteetaten" });
    await page.locator("#action-due").fill(day(30));
    await page.getByRole("button", { name: "Legg til oppfølgingspunkt" }).click();
    await expect(page.getByRole("row", { name: /Teste adresseflyten i testmiljø/ })).toContainText("Skatteetaten");

    // A presentation.
    await page.getByLabel(/Legg ved fil/).setInputFiles({
      name: "Presentasjon adresser.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n% presentasjon om adresser\n"),
    });
    await page.getByRole("button", { name: "Last opp" }).click();
    await expect(page.getByText("Filen «Presentasjon adresser.pdf» er lagt ved.")).toBeVisible();

    // A participant sees nothing of the draft yet.
    const participantContext = await browser.newContext();
    const participant = await participantContext.newPage();
    await signIn(participant, ACCOUNTS.participant);
    await open(participant, meetingUrl);
    await expect(participant.getByText("Referatet blir synlig når fasilitatoren publiserer det.")).toBeVisible();
    await expect(participant.getByText("UDI registrerer adresse")).toHaveCount(0);

    // Publish: everyone gets the email.
    await page.getByRole("button", { name: "Publiser referatet og send det til alle deltakere" }).click();
    const queued = page.getByText(/Referatet er publisert\. E-post til (\d+) deltakere er lagt i kø for sending\./);
    await expect(queued).toBeVisible();
    const count = (await queued.textContent())!.match(/E-post til (\d+)/)![1];
    // The page follows the mail to the server: all delivered, nothing waiting, and the outbox a click away.
    await expect(page.getByTestId("mail-delivery").getByRole("status")).toHaveText(`${count} levert`, { timeout: 20_000 });
    await expect(page.getByTestId("mail-delivery").getByRole("link", { name: "Se utgående e-post" })).toHaveAttribute(
      "href",
      "/n/ukraina/outbox",
    );
    const mail = await waitForMail(request, ACCOUNTS.participant);
    expect(mail.subject).toContain(title);
    expect(mail.text).toContain("- UDI registrerer adresse ved tildeling av D-nummer");
    expect(mail.text).toContain("- Teste adresseflyten i testmiljø (Skatteetaten)");
    const link = mail.text.match(/https?:\/\/\S+\/n\/ukraina\/meetings\/\d+/)![0];

    // The participant follows the link and reads it all.
    await open(participant, new URL(link).pathname);
    await expect(participant.locator(".minutes-body")).toContainText("UDI sender adressen til Folkeregisteret");
    await expect(participant.getByText("UDI registrerer adresse ved tildeling av D-nummer")).toBeVisible();
    const downloadPromise = participant.waitForEvent("download");
    await participant.getByRole("link", { name: "Presentasjon adresser.pdf" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe("Presentasjon adresser.pdf");
    expect(await readFile((await download.path())!, "utf8")).toContain("presentasjon om adresser");

    // Search, typed without Norwegian letters.
    await open(participant, "/n/ukraina/meetings/search?q=losning%20pa%20adresse");
    const hit = participant.getByRole("listitem").filter({ hasText: "Løsning for adresse på D-nummer" });
    await expect(hit).toBeVisible();
    await expect(hit.locator("mark")).toHaveText(["Løsning", "adresse", "på"]);

    // The private calendar feed parses and lists the meetings.
    await open(participant, "/n/ukraina/meetings");
    const feedUrl = await participant.getByLabel("Din private kalenderadresse").inputValue();
    const feed = await request.get(feedUrl);
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toContain("text/calendar");
    const text = await feed.text();
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(text.split(`SUMMARY:${title}`).length - 1).toBe(3);
    await participantContext.close();
  });

  test("a facilitator cancels, restores and deletes one meeting, and removes an agenda item, with the page's own buttons", async ({
    page,
  }) => {
    const title = `Avlysning ${unique("c")}`;
    await signIn(page, ACCOUNTS.facilitator);
    const meetingUrl = await createSeries(page, title, 60, 74);
    const sent: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") sent.push(r.postData() ?? "");
    });

    await addItem(page, "Sak som skal bort", "10");
    const item = page.getByTestId("agenda-item").filter({ hasText: "Sak som skal bort" });
    await item.locator("summary").click();
    await item.getByRole("button", { name: "Fjern" }).click();
    await expect(page.getByTestId("agenda-item").filter({ hasText: "Sak som skal bort" })).toHaveCount(0);

    const edit = page.locator("details").filter({ hasText: "Endre dette møtet" });
    await expand(edit);
    await edit.getByRole("button", { name: "Avlys møtet" }).click();
    await expect(page.getByText("Avlyst", { exact: true })).toBeVisible();
    await expand(edit);
    await edit.getByRole("button", { name: "Gjenopprett møtet" }).click();
    await expect(page.getByText("Avlyst", { exact: true })).toHaveCount(0);

    await expand(edit);
    await edit.getByRole("button", { name: "Slett møtet" }).click();
    await edit.getByRole("button", { name: "Avbryt" }).click();
    await expect(edit.getByRole("button", { name: "Ja, slett møtet" })).toHaveCount(0);
    await edit.getByRole("button", { name: "Slett møtet" }).click();
    await edit.getByRole("button", { name: "Ja, slett møtet" }).click();
    await page.waitForURL((url) => url.pathname === "/n/ukraina/meetings");
    await expect(page.getByText("Møtet er slettet.")).toBeVisible();
    // The other two meetings of the series are still there; this one is gone.
    await expect(page.getByRole("link", { name: title })).toHaveCount(2);
    expect((await page.request.get(meetingUrl)).status()).toBe(404);
    // Every request carried one intent.
    for (const body of sent) expect(body.match(/(^|&)intent=/g)?.length ?? 0, body).toBeLessThanOrEqual(1);
  });

  test("a facilitator reads a meeting as members see it, works on it in its own view, and prints the record", async ({ page, browser }) => {
    await signIn(page, ACCOUNTS.facilitator);
    await open(page, "/n/ukraina/meetings/1");
    const views = page.getByRole("navigation", { name: "Visning av møtet" });
    // Published: the facilitator lands on the record, the same as a participant's page.
    await expect(views.getByRole("link", { name: "Møtet slik deltakerne ser det" })).toHaveAttribute("aria-current", "page");
    const record = await page.locator("main").innerText();
    await expect(page.getByRole("button", { name: /Flytt ned/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Lagre oppmøte" })).toHaveCount(0);
    const participantContext = await browser.newContext();
    const participant = await participantContext.newPage();
    await signIn(participant, ACCOUNTS.participant);
    await open(participant, "/n/ukraina/meetings/1");
    const theirs = await participant.locator("main").innerText();
    // The same, but for the view links, the mail status and the ticks on actions of one's own agency.
    const same = (text: string) =>
      text
        .replace(/Møtet slik deltakerne ser det\s*Forbered og kjør møtet\s*/, "")
        .replace(/E-post med referatet[\s\S]*?Se utgående e-post\s*/, "")
        .replace(/\n?Marker som (ikke )?utført\n?: [^\n]*/g, "");
    expect(same(record)).toBe(same(theirs));
    await participantContext.close();

    // The working view: its parts one by one, reached from the list at the top.
    await views.getByRole("link", { name: "Forbered og kjør møtet" }).click();
    await expect(page).toHaveURL(/view=edit/);
    const parts = page.getByRole("navigation", { name: "Deler av møtet" });
    await expect(parts.getByRole("link")).toHaveText([
      "Tid og sted",
      "Saksliste",
      "Oppmøte",
      "Referat",
      "Vedtak og oppfølging",
      "Presentasjoner og filer",
    ]);
    await parts.getByRole("link", { name: "Oppmøte" }).click();
    await expect(page.getByRole("button", { name: "Lagre oppmøte" })).toBeInViewport();
    await expect(page.getByRole("button", { name: /Flytt ned/ }).first()).toBeVisible();

    // Print from the working view prints the record, with attendance and without the editing controls.
    await page.evaluate(() => {
      const w = window as unknown as { printed: number };
      w.printed = 0;
      window.print = () => void (w.printed += 1);
    });
    await page.getByRole("button", { name: "Skriv ut" }).click();
    await expect(page).toHaveURL(/view=record/);
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("heading", { name: "Oppmøte" })).toBeVisible();
    await expect(page.locator("#attendance-heading + p")).not.toBeEmpty();
    await expect(page.getByRole("heading", { name: "Vedtak" })).toBeVisible();
    await expect(page.getByRole("button", { name: /Flytt (ned|opp)/ })).toHaveCount(0);
    await expect(page.getByRole("navigation", { name: "Visning av møtet" })).toBeHidden();
    await page.emulateMedia({ media: "screen" });
  });

  test("two facilitators saving the same minutes: the second is told and can merge", async ({ browser }) => {
    const aContext = await browser.newContext();
    const bContext = await browser.newContext();
    const a = await aContext.newPage();
    const b = await bContext.newPage();
    await signIn(a, ACCOUNTS.facilitator);
    await signIn(b, "kari.nordvik@digdir.example");
    const meetingUrl = await createSeries(a, `Konflikt ${unique("k")}`, 40, 54);
    await open(a, `${meetingUrl}/minutes`);
    await open(b, `${meetingUrl}/minutes`);
    await a.getByLabel("Referat (Markdown)").fill("Ingrids tekst om eID.");
    await a.getByRole("button", { name: "Lagre referat" }).click();
    await expect(a.getByText("Referatet er lagret.")).toBeVisible();

    await b.getByLabel("Referat (Markdown)").fill("Karis tekst om adresser.");
    await b.getByRole("button", { name: "Lagre referat" }).click();
    await expect(b.getByRole("alert")).toContainText("Referatet er endret av noen andre siden du åpnet det. Ingenting er overskrevet.");
    await expect(b.getByTestId("theirs")).toHaveText("Ingrids tekst om eID.");
    await expect(b.getByLabel("Din tekst (rediger og lagre for å slå sammen)")).toHaveValue("Karis tekst om adresser.");
    await b.getByLabel("Din tekst (rediger og lagre for å slå sammen)").fill("Ingrids tekst om eID.\n\nKaris tekst om adresser.");
    await b.getByRole("button", { name: "Lagre referat" }).click();
    await expect(b.getByText("Referatet er lagret.")).toBeVisible();
    await open(a, meetingUrl);
    await expect(a.locator(".minutes-body")).toContainText("Ingrids tekst om eID.");
    await expect(a.locator(".minutes-body")).toContainText("Karis tekst om adresser.");
    await aContext.close();
    await bContext.close();
  });

  test("a representative proposes an agenda item; a participant may not", async ({ page, browser }) => {
    await signIn(page, ACCOUNTS.facilitator);
    const meetingUrl = await createSeries(page, `Forslag ${unique("f")}`, 60, 74);
    const repContext = await browser.newContext();
    const rep = await repContext.newPage();
    await signIn(rep, ACCOUNTS.representativeUdi);
    await open(rep, meetingUrl);
    await expand(rep.locator("details").filter({ has: rep.locator('input[value="add-item"]') }));
    await rep.locator("#new-item-title").fill("Adresse på D-nummer: status fra UDI");
    await Promise.all([
      rep.waitForResponse((r) => r.request().method() === "POST"),
      rep.getByRole("button", { name: "Foreslå sak" }).click(),
    ]);
    await expect(rep.getByTestId("agenda-item").filter({ hasText: "Adresse på D-nummer: status fra UDI" })).toContainText(
      "Foreslått av Ulla Representant",
    );
    await expect(rep.getByRole("button", { name: /Flytt ned/ })).toHaveCount(0);
    await repContext.close();

    const participantContext = await browser.newContext();
    const participant = await participantContext.newPage();
    await signIn(participant, ACCOUNTS.participant);
    await open(participant, meetingUrl);
    await expect(participant.getByText("Foreslå sak")).toHaveCount(0);
    const response = await participant.request.post(meetingUrl, { form: { intent: "add-item", title: "Snike inn", plannedMinutes: "5" } });
    expect(response.status()).toBe(403);
    await participant.reload();
    await expect(participant.getByText("Snike inn")).toHaveCount(0);
    await participantContext.close();
  });

  test("bad input: past series, end before start, wrong file, another network's meeting", async ({ page }) => {
    await signIn(page, ACCOUNTS.facilitator);
    await open(page, "/n/ukraina/meetings/new");
    await page.getByLabel("Dato", { exact: true }).fill(day(-14));
    await page.getByLabel("Gjentas").selectOption({ label: "Hver uke" });
    await page.getByLabel("Til og med dato (for serier)").fill(day(14));
    await page.getByRole("button", { name: "Opprett" }).click();
    await expect(page.getByText("En ny serie kan ikke starte i fortiden.").first()).toBeVisible();
    await page.getByLabel("Dato", { exact: true }).fill(day(14));
    await page.getByLabel("Til og med dato (for serier)").fill(day(7));
    await page.getByRole("button", { name: "Opprett" }).click();
    await expect(page.getByText("Sluttdatoen må være samme dag som eller etter startdatoen.").first()).toBeVisible();
    const bad = await page.request.post("/n/ukraina/meetings/new", {
      form: { title: "x", date: "2030-01-01", time: "25:00", durationMinutes: "5", intervalWeeks: "9" },
    });
    expect(bad.status()).toBe(400);

    const meetingUrl = await createSeries(page, `Filer ${unique("x")}`, 80, 94);
    await page
      .getByLabel(/Legg ved fil/)
      .setInputFiles({ name: "program.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ") });
    await page.getByRole("button", { name: "Last opp" }).click();
    await expect(page.getByText("Filtypen er ikke tillatt.").first()).toBeVisible();
    await expect(page.getByText("Ingen filer.")).toBeVisible();

    // Items of another meeting, and meetings that do not exist here.
    const other = await page.request.post(meetingUrl, { form: { intent: "delete-item", itemId: "999999" } });
    expect(other.status()).toBe(404);
    expect((await page.request.get("/n/ukraina/meetings/999999")).status()).toBe(404);
    expect((await page.request.get("/n/ukraina/meetings/abc")).status()).toBe(404);
    expect((await page.request.get("/calendar/1/not-the-token.ics")).status()).toBe(404);
  });
});
