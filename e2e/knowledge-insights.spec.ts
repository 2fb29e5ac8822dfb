// Knowledge and insights in a real browser: a processed document appears live on /knowledge, a tag
// edited in one tab shows in a second tab without a reload; an insight generated from the stored
// history appears on /insights without a reload, with the KPIs moving live; both pages pass axe.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { launchServer, type ServerHandle } from "./support/server";
import { markNoReload, wasNotReloaded } from "./support/no-reload";
import { signIn } from "./support/sign-in";

let server: ServerHandle;

test.beforeAll(async () => {
  server = await launchServer();
});

test.afterAll(async () => {
  await server?.dispose();
});

async function upload(request: APIRequestContext, name: string, text: string) {
  const res = await request.post(`${server.url}/api/jobs`, {
    headers: { origin: server.url },
    multipart: { file: { name, mimeType: "text/plain", buffer: Buffer.from(text) } },
  });
  expect(res.status()).toBe(201);
}


test("a processed document appears live; its tags edited in one tab show in a second tab", async ({ context }) => {
  const page = await context.newPage();
  await signIn(page, server.url);
  const other = await context.newPage();
  const searching = await context.newPage();
  for (const [p, path] of [[page, "/knowledge"], [other, "/knowledge"], [searching, "/knowledge?q=ferry"]] as const) {
    await p.goto(`${server.url}${path}`);
    await expect(p.getByTestId("knowledge-page")).toBeVisible();
    await expect(p.getByRole("banner").getByTestId("connection-status")).toHaveAttribute("data-status", "live");
    await markNoReload(p);
  }

  await upload(page.request, "harbour_log.txt", "The harbour master of Rotterdam logged forty container ships. Storms delayed the ferry to Hull.");
  const item = (p: Page) => p.getByTestId("knowledge-item").filter({ hasText: "harbour log" });
  await expect(item(page)).toBeVisible({ timeout: 20_000 });
  await expect(item(other)).toBeVisible();
  // A tab that is searching counts the new item and searches again when asked; the body word is found.
  await expect(searching.getByTestId("knowledge-new-since-search")).toContainText("1 new item was added since this search");
  await searching.getByRole("button", { name: "Search again" }).click();
  await expect(item(searching).getByTestId("knowledge-snippet")).toContainText("ferry");

  await item(page).getByRole("button", { name: "harbour log" }).click();
  const sheet = page.getByTestId("knowledge-sheet");
  await sheet.getByTestId("knowledge-edit").click();
  const form = sheet.getByTestId("knowledge-edit-form");
  await form.getByRole("textbox", { name: "Tags" }).fill("shipping");
  await form.getByRole("textbox", { name: "Tags" }).press("Enter");
  await form.getByTestId("knowledge-save").click();
  await expect(sheet.getByRole("list", { name: "Tags" })).toContainText("shipping");

  await expect(item(other).getByRole("list", { name: "Tags" })).toContainText("shipping");
  expect(await wasNotReloaded(page)).toBe(true);
  expect(await wasNotReloaded(other)).toBe(true);
});

test("an insight from the stored history appears without a reload, and the KPIs move live", async ({ page }) => {
  await signIn(page, server.url);
  await page.goto(`${server.url}/insights`);
  await expect(page.getByTestId("insights-page")).toBeVisible();
  await expect(page.getByRole("banner").getByTestId("connection-status")).toHaveAttribute("data-status", "live");
  await markNoReload(page);
  const processed = page.getByTestId("kpi-total_processed");
  const before = Number((await processed.innerText()).match(/\d+/)?.[0] ?? 0);

  for (const city of ["Lyon", "Turin", "Basel"]) await upload(page.request, `${city}.txt`, `A short report about the tram network of ${city} and its new lines.`);
  await expect(processed).toContainText(String(before + 3), { timeout: 30_000 });

  // Analyze from outside the page: only the push can bring the insight in.
  const res = await page.request.post(`${server.url}/api/insights/analyze`, { headers: { origin: server.url } });
  const { generated } = (await res.json()) as { generated: { title: string }[] };
  const volume = generated.find((g) => /^New processing activity: \d+ jobs finished$/.test(g.title));
  expect(volume).toBeDefined();
  await expect(page.getByTestId("insight").filter({ hasText: volume!.title })).toBeVisible();
  expect(await wasNotReloaded(page)).toBe(true);
});

test("the knowledge and insights pages pass axe in light and dark", async ({ page }) => {
  await signIn(page, server.url);
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const [path, ready] of [["/knowledge", "knowledge-page"], ["/insights", "insights-page"]] as const) {
      await page.goto(`${server.url}${path}`);
      await expect(page.locator("html")).toHaveClass(new RegExp(theme));
      await expect(page.getByTestId(ready)).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${theme} ${path} ${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
    }
  }
});
