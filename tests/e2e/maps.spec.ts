import { expect, test, type Browser, type Page } from "@playwright/test";
import { ACCOUNTS, open, signIn, unique } from "./fixtures";
import type { Download } from "@playwright/test";
import Database from "better-sqlite3";
import { E2E } from "../../playwright.config";
import { encodeUpdate } from "../helpers/hostile-updates";

/** The portal's database, opened beside the running server (WAL lets both in). */
function withDatabase<T>(use: (db: Database.Database) => T): T {
  const db = new Database(E2E.databasePath);
  db.pragma("busy_timeout = 5000");
  try {
    return use(db);
  } finally {
    db.close();
  }
}
const storedUpdates = (mapId: number) =>
  withDatabase((db) => (db.prepare("select count(*) as n from doc_updates where doc_name = ?").get(`map:${mapId}`) as { n: number }).n);
const appendBrokenUpdate = (mapId: number) =>
  withDatabase((db) =>
    db
      .prepare('insert into doc_updates (doc_name, "update") values (?, ?)')
      .run(`map:${mapId}`, Buffer.from(encodeUpdate(990_600, 0, [{ content: { gc: 0 } }]))),
  );

async function readDownload(download: Download) {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const DEMO_MAP = "/n/ukraina/maps/1";

async function openMap(page: Page, path = DEMO_MAP) {
  await open(page, path);
  await expect(page.getByTestId("connection-status")).toContainText("Tilkoblet", { timeout: 30_000 });
  await expect(page.locator(".react-flow__node-map").first()).toBeVisible();
}

async function addBox(page: Page, label: string, kind = "Tjeneste", agency?: string) {
  await page.locator("#add-kind").selectOption({ label: kind });
  await page.locator("#add-label").fill(label);
  if (agency) await page.locator("#add-agency").selectOption({ label: agency });
  // Keyboard only: Enter in the text field submits the form.
  await page.locator("#add-label").press("Enter");
}

const box = (page: Page, label: string) => page.locator(".react-flow__node-map").filter({ hasText: label });

/** Two facilitators in two browsers on a new map, both connected. */
async function twoEditorsOnNewMap(browser: Browser, name: string) {
  const aContext = await browser.newContext();
  const bContext = await browser.newContext();
  const a = await aContext.newPage();
  const b = await bContext.newPage();
  await signIn(a, ACCOUNTS.facilitator);
  await signIn(b, "kari.nordvik@digdir.example");
  await open(a, "/n/ukraina/maps");
  await a.getByLabel("Navn på kartet").fill(unique(name));
  await a.getByRole("button", { name: "Opprett kart" }).click();
  await expect(a.getByTestId("connection-status")).toContainText("Tilkoblet", { timeout: 30_000 });
  await open(b, new URL(a.url()).pathname);
  await expect(b.getByTestId("connection-status")).toContainText("Tilkoblet", { timeout: 30_000 });
  return { a, b, aContext, bContext };
}

test.describe("service-chain maps together", () => {
  test("two representatives edit the same map at once, see each other, and undo only their own", async ({ browser }) => {
    const navContext = await browser.newContext();
    const udiContext = await browser.newContext();
    const nav = await navContext.newPage();
    const udi = await udiContext.newPage();
    await signIn(nav, ACCOUNTS.representativeNav);
    await signIn(udi, ACCOUNTS.representativeUdi);
    await openMap(nav);
    await openMap(udi);

    // Presence: each sees the other, by name and agency.
    await expect(nav.getByTestId("peers")).toContainText("Ulla Representant (UDI)");
    await expect(udi.getByTestId("peers")).toContainText("Nils Representant (NAV)");

    // NAV adds a service; UDI sees it at once, labelled with the agency.
    const navBox = unique("Digital postkasse");
    await addBox(nav, navBox, "Tjeneste", "NAV");
    await expect(box(udi, navBox)).toBeVisible();
    await expect(box(udi, navBox)).toContainText("Tjeneste · NAV");

    // UDI adds one too; then NAV undoes: only NAV's own box goes, for both.
    const udiBox = unique("Adresse ved vedtak");
    await addBox(udi, udiBox, "Hendelse");
    await expect(box(nav, udiBox)).toBeVisible();
    await nav.getByRole("button", { name: "Angre" }).click();
    await expect(box(nav, navBox)).toHaveCount(0);
    await expect(box(udi, navBox)).toHaveCount(0);
    await expect(box(nav, udiBox)).toBeVisible();
    await expect(box(udi, udiBox)).toBeVisible();
    await nav.getByRole("button", { name: "Gjør om" }).click();
    await expect(box(udi, navBox)).toBeVisible();

    // UDI marks an obstacle on NAV's box; NAV sees it as text, not colour alone.
    await box(udi, navBox).click();
    await udi.getByLabel("Hinder: nivå").selectOption({ label: "Juridisk" });
    await udi.getByLabel("Hinder: beskrivelse").fill("Mangler hjemmel for å dele adresse");
    await udi.getByRole("button", { name: "Lagre", exact: true }).click();
    await expect(box(nav, navBox)).toContainText("Juridisk: Mangler hjemmel for å dele adresse");

    // Selections show on the other side.
    await expect(box(nav, navBox)).toContainText("Ulla Representant");

    // So does the cursor: NAV moves the mouse over the map, UDI sees it named.
    const canvas = await nav.locator(".react-flow__pane").boundingBox();
    await nav.mouse.move(canvas!.x + canvas!.width / 2, canvas!.y + canvas!.height / 2);
    await nav.mouse.move(canvas!.x + canvas!.width / 2 + 30, canvas!.y + canvas!.height / 2 + 20, { steps: 3 });
    await expect(udi.locator(".map-cursor").filter({ hasText: "Nils Representant" })).toBeVisible();

    // Connect the two boxes with the keyboard-friendly form.
    await box(nav, navBox).click();
    await nav.getByLabel("Til", { exact: true }).selectOption({ label: udiBox });
    await nav.getByLabel("Type kobling").selectOption({ label: "Dataflyt" });
    await nav.getByRole("button", { name: "Koble" }).click();
    // Arrows carry only their own words; the kind is in the line and the arrow's accessible name.
    const arrow = (page: Page) => page.locator(`.react-flow__edge[aria-label="Dataflyt: ${navBox} → ${udiBox}"]`);
    await expect(arrow(nav).first()).toBeAttached();
    await expect(arrow(udi).first()).toBeAttached({ timeout: 20_000 });

    await navContext.close();
    await udiContext.close();
  });

  test("a participant watches live but cannot change anything", async ({ browser }) => {
    const editorContext = await browser.newContext();
    const readerContext = await browser.newContext();
    const editor = await editorContext.newPage();
    const reader = await readerContext.newPage();
    await signIn(editor, ACCOUNTS.facilitator);
    await signIn(reader, ACCOUNTS.participant);
    // A map of its own: on the shared demo map, boxes other tests added can lie over this one.
    await open(editor, "/n/ukraina/maps");
    await editor.getByLabel("Navn på kartet").fill(unique("Lesekart"));
    await editor.getByRole("button", { name: "Opprett kart" }).click();
    await expect(editor.getByTestId("connection-status")).toContainText("Tilkoblet", { timeout: 30_000 });
    await open(reader, new URL(editor.url()).pathname);
    await expect(reader.getByTestId("connection-status")).toContainText("Tilkoblet", { timeout: 30_000 });
    await expect(reader.getByText("Bare lesetilgang")).toBeVisible();
    await expect(reader.getByRole("button", { name: "Legg til" })).toHaveCount(0);
    await expect(reader.getByRole("button", { name: "Angre" })).toHaveCount(0);

    const label = unique("Fastlege tildeles");
    await addBox(editor, label, "Hendelse");
    await expect(box(reader, label)).toBeVisible();
    // The first view shows the journey's start at a readable size; the reader zooms out to see it all.
    await reader.locator(".react-flow__controls-fitview").click();
    // Dragging a box does not move it for a reader (the view may pan; the box's place on the map stays).
    const place = (page: Page) => box(page, label).evaluate((el) => (el as HTMLElement).style.transform);
    const before = await place(editor);
    await box(reader, label).dragTo(reader.locator(".react-flow__pane"), { targetPosition: { x: 50, y: 50 } });
    await reader.waitForTimeout(500);
    expect(await place(reader)).toBe(before);
    expect(await place(editor)).toBe(before);
    await editorContext.close();
    await readerContext.close();
  });

  test("edits made while offline merge when the connection returns", async ({ browser }) => {
    const { a, b, aContext, bContext } = await twoEditorsOnNewMap(browser, "Testkart");

    // A's connection goes through a route the test can cut, like a network that drops.
    let offline = false;
    const sockets: Array<{ close: () => Promise<void> }> = [];
    await a.routeWebSocket(/\/realtime\//, (ws) => {
      if (offline) return void ws.close();
      ws.connectToServer();
      sockets.push(ws);
    });
    await a.reload();
    await expect(a.getByTestId("connection-status")).toContainText("Tilkoblet", { timeout: 30_000 });
    offline = true;
    await Promise.all(sockets.map((ws) => ws.close()));
    await expect(a.getByTestId("connection-status")).toContainText("Frakoblet", { timeout: 15_000 });
    await expect(a.getByText("Forbindelsen er brutt.")).toBeVisible();
    await addBox(a, "Laget uten nett", "Hendelse");
    await addBox(b, "Laget med nett", "Hendelse");
    await expect(box(a, "Laget uten nett")).toBeVisible();
    await expect(box(b, "Laget uten nett")).toHaveCount(0);

    offline = false;
    await expect(a.getByTestId("connection-status")).toContainText("Tilkoblet", { timeout: 15_000 });
    await expect(box(b, "Laget uten nett")).toBeVisible();
    await expect(box(a, "Laget med nett")).toBeVisible();
    await aContext.close();
    await bContext.close();
  });

  test("a link that dies without closing is shown as offline within seconds, and edits merge when it returns", async ({ browser }) => {
    const { a, b, aContext, bContext } = await twoEditorsOnNewMap(browser, "Stille");

    // A's frames pass through the test, which can stop passing them on without closing anything,
    // as when a laptop's network drops.
    let dead = false;
    await a.routeWebSocket(/\/realtime\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => !dead && server.send(message));
      server.onMessage((message) => !dead && ws.send(message));
    });
    await a.reload();
    await expect(a.getByTestId("connection-status")).toContainText("Tilkoblet", { timeout: 30_000 });
    dead = true;
    const silentSince = Date.now();
    await expect(a.getByTestId("connection-status")).toContainText("Frakoblet", { timeout: 12_000 });
    expect(Date.now() - silentSince).toBeLessThan(12_000);
    await addBox(a, "Laget på en død linje", "Hendelse");
    await expect(box(a, "Laget på en død linje")).toBeVisible();
    await expect(box(b, "Laget på en død linje")).toHaveCount(0);

    dead = false;
    await expect(a.getByTestId("connection-status")).toContainText("Tilkoblet", { timeout: 20_000 });
    await expect(box(b, "Laget på en død linje")).toBeVisible();
    await aContext.close();
    await bContext.close();
  });

  test("another network's map and a map that does not exist answer 404", async ({ page }) => {
    await signIn(page, ACCOUNTS.participant);
    expect((await page.request.get("/n/ukraina/maps/999999")).status()).toBe(404);
    expect((await page.request.post("/n/ukraina/maps", { form: { title: "Nei" } })).status()).toBe(403);
  });
});

test.describe("map versions, export and obstacles", () => {
  test("save a named version, view it read-only, restore it as a new change", async ({ page, browser }) => {
    await signIn(page, ACCOUNTS.facilitator);
    await open(page, "/n/ukraina/maps");
    await page.getByLabel("Navn på kartet").fill(unique("Versjonskart"));
    await page.getByRole("button", { name: "Opprett kart" }).click();
    await expect(page.getByTestId("connection-status")).toContainText("Tilkoblet", { timeout: 30_000 });
    const mapPath = new URL(page.url()).pathname;
    await addBox(page, "Før møtet", "Hendelse");
    await expect(box(page, "Før møtet")).toBeVisible();
    await page.getByLabel("Navn på versjonen").fill("Som avtalt i møtet 28. april");
    await page.getByLabel("Knyttet til møte (valgfritt)").selectOption({ index: 1 });
    await page.getByRole("button", { name: "Lagre versjon" }).click();
    await expect(page.getByText("Versjonen «Som avtalt i møtet 28. april» er lagret.")).toBeVisible();

    // Change the map after the version.
    await expect(page.getByTestId("connection-status")).toContainText("Tilkoblet", { timeout: 30_000 });
    await addBox(page, "Etter møtet", "Hendelse");
    await expect(box(page, "Etter møtet")).toBeVisible();

    // Someone else watches while it is restored.
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await signIn(other, "kari.nordvik@digdir.example");
    await open(other, mapPath);
    await expect(box(other, "Etter møtet")).toBeVisible();

    await page.getByRole("link", { name: "Som avtalt i møtet 28. april" }).click();
    await expect(page.getByText("Dette er en lagret versjon")).toBeVisible();
    await expect(box(page, "Før møtet")).toBeVisible();
    await expect(box(page, "Etter møtet")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Legg til" })).toHaveCount(0);
    await page.getByRole("link", { name: "Gjenopprett denne versjonen" }).click();
    await expect(page.getByText("Versjonen «Som avtalt i møtet 28. april» er gjenopprettet som en ny endring.")).toBeVisible();
    await expect(box(other, "Etter møtet")).toHaveCount(0);
    await expect(box(other, "Før møtet")).toBeVisible();
    // Nothing is lost: the restore is itself a change that can be undone.
    await page.getByRole("button", { name: "Angre" }).click();
    await expect(box(other, "Etter møtet")).toBeVisible();
    await otherContext.close();
  });

  test("export the demo map as JSON and import it as a new map; bad files are refused", async ({ page }) => {
    await signIn(page, ACCOUNTS.representativeNav);
    const exported = await page.request.get(`${DEMO_MAP}/export.json`);
    expect(exported.status()).toBe(200);
    const json = await exported.json();
    expect(json.format).toBe("samhandlingsportalen.map");
    expect(Object.values(json.nodes as Record<string, { label: string }>).map((n) => n.label)).toContain("Tildeling av D-nummer");

    json.title = unique("Importert kart");
    await open(page, "/n/ukraina/maps");
    await page
      .getByLabel("JSON-fil eksportert fra portalen")
      .setInputFiles({ name: "kart.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(json)) });
    await page.getByRole("button", { name: "Importer som nytt kart" }).click();
    await expect(page.getByRole("heading", { level: 1, name: json.title })).toBeVisible();
    await expect(page.getByTestId("connection-status")).toContainText("Tilkoblet", { timeout: 30_000 });
    await expect(box(page, "Tildeling av D-nummer")).toBeVisible();
    // The new map exports exactly what was imported: stages, boxes, arrows and obstacles.
    const again = await (await page.request.get(`${new URL(page.url()).pathname}/export.json`)).json();
    expect(again).toEqual(json);

    await open(page, "/n/ukraina/maps");
    await page
      .getByLabel("JSON-fil eksportert fra portalen")
      .setInputFiles({ name: "feil.json", mimeType: "application/json", buffer: Buffer.from('{"format":"noe annet"}') });
    await page.getByRole("button", { name: "Importer som nytt kart" }).click();
    await expect(page.getByText("Filen er ikke et kart eksportert fra portalen.").first()).toBeVisible();
  });

  test("the obstacle list across maps makes a measure in one click, linked back", async ({ page, context }) => {
    await signIn(page, ACCOUNTS.representativeUdi);
    await open(page, "/n/ukraina/maps/obstacles");
    // A second tab opened before the click, to press the same button on a page that is out of date.
    const stale = await context.newPage();
    await open(stale, "/n/ukraina/maps/obstacles");
    const onDemo = (name: RegExp) => page.getByRole("row", { name }).filter({ hasText: "Flyktningens reise fra ankomst til hverdag" });
    const row = onDemo(/Adresseendringer i UDIs system når ikke Folkeregisteret/);
    await expect(row).toContainText("Teknisk");
    await page.getByLabel("Hinder: nivå").selectOption({ label: "Semantisk" });
    await page.getByRole("button", { name: "Filtrer" }).click();
    await expect(page.getByRole("row", { name: /Adresseendringer i UDIs system/ })).toHaveCount(0);
    const semantic = onDemo(/Privatadresser skrives som fritekst/);
    await semantic.getByRole("button", { name: /Lag tiltak/ }).click();
    await expect(page.getByText(/Tiltaket «.*Privatadresser skrives som fritekst.*» er laget/)).toBeVisible();
    await page.getByRole("status").getByRole("link", { name: "Tiltak" }).click();
    await expect(page.locator(".stat-list")).toContainText("Identifisert, kartlegging");
    const measureUrl = page.url();
    const measureTitle = (await page.getByRole("heading", { level: 1 }).textContent())!;
    await page.getByRole("link", { name: "Laget fra et hinder i et tjenestekjedekart" }).click();
    await expect(page).toHaveURL(/\/n\/ukraina\/maps\/1#address$/);
    // The map's side panel shows the obstacle with its measure, and that it is being worked on.
    await expect(page.getByTestId("connection-status")).toContainText("Tilkoblet", { timeout: 30_000 });
    await page
      .locator(".react-flow__node-map")
      .filter({ has: page.getByText("Adresse", { exact: true }) })
      .click();
    const notice = page.getByTestId("obstacle-notice");
    await expect(notice).toContainText("Under arbeid");
    await expect(notice.getByRole("link", { name: measureTitle })).toHaveAttribute("href", new URL(measureUrl).pathname);

    // The list shows the measure instead of the button; the stale tab's click makes no second one.
    await open(page, "/n/ukraina/maps/obstacles");
    const made = onDemo(/Privatadresser skrives som fritekst/);
    await expect(made.getByRole("link", { name: measureTitle })).toBeVisible();
    await expect(made).toContainText("Under arbeid");
    await expect(made.getByRole("button", { name: /Lag tiltak/ })).toHaveCount(0);
    const staleRow = stale
      .getByRole("row", { name: /Privatadresser skrives som fritekst/ })
      .filter({ hasText: "Flyktningens reise fra ankomst til hverdag" });
    await staleRow.getByRole("button", { name: /Lag tiltak/ }).click();
    await expect(stale.getByText(`Hindringen har allerede tiltaket «${measureTitle}». Det ble ikke laget et nytt.`)).toBeVisible();
    await open(page, "/n/ukraina/measures?view=table");
    await expect(page.getByRole("row").filter({ hasText: measureTitle })).toHaveCount(1);
  });

  test("the first view is readable: boxes at a size one can read, arrows labelled only with their own words, a legend for the rest", async ({
    page,
  }) => {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
      await signIn(page, ACCOUNTS.participant);
      await openMap(page);
      await page.waitForTimeout(300);
      const smallest = await page
        .locator(".map-node__kind")
        .evaluateAll((els) =>
          Math.min(
            ...els
              .filter((e) => e.getBoundingClientRect().width > 0)
              .map((e) => parseFloat(getComputedStyle(e).fontSize) * (e.getBoundingClientRect().height / (e as HTMLElement).offsetHeight)),
          ),
        );
      expect(smallest, `type labels at ${width} px`).toBeGreaterThanOrEqual(9);
      // The journey's start is in view.
      await expect(box(page, "Kommer til Norge").first()).toBeInViewport();
      const labels = await page.locator(".react-flow__edge-text").allTextContents();
      expect(labels.filter((l) => l.trim() === "Utløser")).toEqual([]);
      await expect(page.getByTestId("map-legend")).toContainText("Utløser");
      await expect(page.getByTestId("map-legend")).toContainText("Dataflyt");
      await page.context().clearCookies();
    }
  });

  test("the whole map downloads as PNG and as SVG", async ({ page }) => {
    await signIn(page, ACCOUNTS.leader);
    await openMap(page);
    const png = page.waitForEvent("download");
    await page.getByRole("button", { name: "PNG" }).click();
    const pngFile = await png;
    expect(pngFile.suggestedFilename()).toBe("kart-1.png");
    const pngBytes = await readDownload(pngFile);
    expect(pngBytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(pngBytes.length).toBeGreaterThan(20_000);

    const svg = page.waitForEvent("download");
    await page.getByRole("button", { name: "SVG" }).click();
    const svgFile = await svg;
    expect(svgFile.suggestedFilename()).toBe("kart-1.svg");
    const text = (await readDownload(svgFile)).toString("utf8");
    expect(text).toMatch(/^<svg/);
    // The boxes are in it as text, so the drawing is the map and not an empty frame.
    expect(text).toContain("Tildeling av D-nummer");
    expect(text).toContain("Folkeregisteret");
  });
});

test.describe("the journey's stages", () => {
  test("rename, add and reorder stages with the keyboard; boxes move with their stage; the other browser follows", async ({ browser }) => {
    const aContext = await browser.newContext();
    const bContext = await browser.newContext();
    const a = await aContext.newPage();
    const b = await bContext.newPage();
    await signIn(a, ACCOUNTS.facilitator);
    await signIn(b, ACCOUNTS.representativeNav);
    await open(a, "/n/ukraina/maps");
    await a.getByLabel("Navn på kartet").fill(unique("Faser"));
    await a.getByRole("button", { name: "Opprett kart" }).click();
    await expect(a.getByTestId("connection-status")).toContainText("Tilkoblet", { timeout: 30_000 });
    await open(b, new URL(a.url()).pathname);
    await expect(b.getByTestId("connection-status")).toContainText("Tilkoblet", { timeout: 30_000 });
    const headers = (page: Page) => page.locator(".map-stage");
    // A new map starts with the method's stages.
    await expect(headers(b)).toHaveText(["Ankomst", "Bosetting og etablering", "Hverdag"]);

    await addBox(a, "Får jobb", "Hendelse");
    // The kind stays as chosen for the next box, and the list shows the kind the next box gets.
    await expect(a.locator("#add-kind option:checked")).toHaveText("Hendelse");
    await a.locator("#add-label").fill("Får skattekort");
    await a.locator("#add-label").press("Enter");
    await expect(a.locator('.react-flow__node[aria-label^="Hendelse: Får skattekort"]')).toBeAttached();
    await a.locator("#add-stage").selectOption({ label: "Hverdag" });
    await addBox(a, "Starter i arbeid", "Hendelse");
    const column = (page: Page, label: string) =>
      box(page, label).evaluate((el) => Number(/translate\(([-\d.]+)px/.exec((el as HTMLElement).style.transform)?.[1] ?? NaN));
    const firstX = await column(b, "Får jobb");
    const lastX = await column(b, "Starter i arbeid");
    expect(lastX - firstX).toBe(680);

    await a.getByText("Faser i reisen (3)").click();
    const name = a.getByLabel("Navn på fase 3");
    await name.fill("Hverdagsliv");
    await name.press("Enter");
    await expect(headers(b)).toHaveText(["Ankomst", "Bosetting og etablering", "Hverdagsliv"]);

    await a.getByLabel("Ny fase").fill("Arbeid");
    await a.getByLabel("Ny fase").press("Enter");
    await expect(headers(b)).toHaveText(["Ankomst", "Bosetting og etablering", "Hverdagsliv", "Arbeid"]);

    // Move "Hverdagsliv" first with the keyboard: focus stays on the stage, the move is announced.
    const up = a.getByRole("button", { name: "Flytt «Hverdagsliv» ett steg tidligere" });
    await up.focus();
    await a.keyboard.press("Enter");
    await expect(a.getByRole("button", { name: "Flytt «Hverdagsliv» ett steg tidligere" })).toBeFocused();
    await a.keyboard.press("Enter");
    await expect(a.getByRole("status").filter({ hasText: "«Hverdagsliv» er nå fase 1 av 4." })).toBeAttached();
    await expect(headers(b)).toHaveText(["Hverdagsliv", "Ankomst", "Bosetting og etablering", "Arbeid"]);
    // The box in that stage went with it, the other moved one column on.
    await expect.poll(() => column(b, "Starter i arbeid")).toBe(firstX);
    await expect.poll(() => column(b, "Får jobb")).toBe(firstX + 340);

    // An empty stage can be deleted; one with boxes cannot.
    await expect(a.getByRole("button", { name: "Slett fasen «Hverdagsliv»" })).toHaveCount(0);
    await a.getByRole("button", { name: "Slett fasen «Arbeid»" }).click();
    await expect(headers(b)).toHaveText(["Hverdagsliv", "Ankomst", "Bosetting og etablering"]);

    // A reload shows the saved state.
    await b.reload();
    await expect(headers(b)).toHaveText(["Hverdagsliv", "Ankomst", "Bosetting og etablering"]);
    await aContext.close();
    await bContext.close();
  });
});

test.describe("a damaged map", () => {
  test("is shown as damaged without taking the rest down, and a facilitator restores it with one click", async ({ browser }) => {
    const facilitator = await (await browser.newContext()).newPage();
    await signIn(facilitator, ACCOUNTS.facilitator);
    await open(facilitator, "/n/ukraina/maps");
    const title = unique("Kart som blir skadet");
    await facilitator.getByLabel("Navn på kartet").fill(title);
    await facilitator.getByRole("button", { name: "Opprett kart" }).click();
    await expect(facilitator.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const path = new URL(facilitator.url()).pathname;
    await expect(facilitator.getByTestId("connection-status")).toContainText("Tilkoblet", { timeout: 30_000 });
    await addBox(facilitator, "Før skaden");
    await expect(box(facilitator, "Før skaden")).toBeVisible();
    // Leave, so the map is folded and unloaded; then its stored log gets what the old server
    // could write: a change Yjs takes but cannot load again (a zero-length range).
    await open(facilitator, "/n/ukraina/maps");
    await expect.poll(() => storedUpdates(Number(path.split("/").pop())), { timeout: 10_000 }).toBe(0);
    appendBrokenUpdate(Number(path.split("/").pop()));

    const reader = await (await browser.newContext()).newPage();
    await signIn(reader, ACCOUNTS.representativeUdi);
    await open(reader, path);
    await expect(reader.getByRole("heading", { name: "Kartet kan ikke åpnes" })).toBeVisible();
    await expect(reader.getByText("En fasilitator i nettverket kan gjenopprette kartet.")).toBeVisible();
    await open(reader, "/n/ukraina/maps/obstacles");
    await expect(reader.getByText("Disse kartene kan ikke åpnes")).toBeVisible();
    await expect(reader.getByRole("row", { name: /Adresseendringer i UDIs system/ }).first()).toBeVisible();

    await open(facilitator, path);
    await facilitator.getByRole("button", { name: "Gjenopprett det som lar seg åpne" }).click();
    await expect(facilitator.getByText("Kartet er gjenopprettet.")).toBeVisible();
    await expect(facilitator.getByTestId("connection-status")).toContainText("Tilkoblet", { timeout: 30_000 });
    await expect(box(facilitator, "Før skaden")).toBeVisible();
    await facilitator.context().close();
    await reader.context().close();
  });
});
