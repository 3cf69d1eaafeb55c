import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, open, signIn, unique } from "./fixtures";

const DEMO_MAP = "/n/ukraina/maps/1";

async function openMap(page: Page, path = DEMO_MAP) {
  await open(page, path);
  await expect(page.getByTestId("connection-status")).toContainText("Tilkoblet");
  await expect(page.locator(".react-flow__node-map").first()).toBeVisible();
}

async function addBox(page: Page, label: string, kind = "Tjeneste", agency?: string) {
  await page.getByLabel("Type", { exact: true }).selectOption({ label: kind });
  await page.getByLabel("Tekst", { exact: true }).fill(label);
  if (agency) await page.getByLabel("Virksomhet", { exact: true }).selectOption({ label: agency });
  // Keyboard only: Enter in the text field submits the form.
  await page.getByLabel("Tekst", { exact: true }).press("Enter");
}

const box = (page: Page, label: string) => page.locator(".react-flow__node-map").filter({ hasText: label });

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
    await udi.getByRole("button", { name: "Lagre" }).click();
    await expect(box(nav, navBox)).toContainText("Juridisk: Mangler hjemmel for å dele adresse");

    // Selections show on the other side.
    await expect(box(nav, navBox)).toContainText("Ulla Representant");

    // Connect the two boxes with the keyboard-friendly form.
    await box(nav, navBox).click();
    await nav.getByLabel("Til", { exact: true }).selectOption({ label: udiBox });
    await nav.getByLabel("Type kobling").selectOption({ label: "Dataflyt" });
    await nav.getByRole("button", { name: "Koble" }).click();
    await expect(udi.locator(".react-flow__edge").filter({ hasText: "Dataflyt" }).first()).toBeVisible();

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
    await openMap(editor);
    await openMap(reader);
    await expect(reader.getByText("Bare lesetilgang")).toBeVisible();
    await expect(reader.getByRole("button", { name: "Legg til" })).toHaveCount(0);
    await expect(reader.getByRole("button", { name: "Angre" })).toHaveCount(0);

    const label = unique("Fastlege tildeles");
    await addBox(editor, label, "Hendelse");
    await expect(box(reader, label)).toBeVisible();
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
    const aContext = await browser.newContext();
    const bContext = await browser.newContext();
    const a = await aContext.newPage();
    const b = await bContext.newPage();
    await signIn(a, ACCOUNTS.facilitator);
    await signIn(b, "kari.nordvik@digdir.example");
    await open(a, "/n/ukraina/maps");
    await a.getByLabel("Navn på kartet").fill(unique("Testkart"));
    await a.getByRole("button", { name: "Opprett kart" }).click();
    await expect(a.getByTestId("connection-status")).toContainText("Tilkoblet");
    const mapPath = new URL(a.url()).pathname;
    await open(b, mapPath);
    await expect(b.getByTestId("connection-status")).toContainText("Tilkoblet");

    // A's connection goes through a route the test can cut, like a network that drops.
    let offline = false;
    const sockets: Array<{ close: () => Promise<void> }> = [];
    await a.routeWebSocket(/\/realtime\//, (ws) => {
      if (offline) return void ws.close();
      ws.connectToServer();
      sockets.push(ws);
    });
    await a.reload();
    await expect(a.getByTestId("connection-status")).toContainText("Tilkoblet");
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

  test("another network's map and a map that does not exist answer 404", async ({ page }) => {
    await signIn(page, ACCOUNTS.participant);
    expect((await page.request.get("/n/ukraina/maps/999999")).status()).toBe(404);
    expect((await page.request.post("/n/ukraina/maps", { form: { title: "Nei" } })).status()).toBe(403);
  });
});
