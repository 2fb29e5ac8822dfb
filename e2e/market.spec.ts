// The market page in a real browser: prices of the watchlist move live (the simulator's quotes arrive
// conflated), the chart draws, adding a ticker shows it at once and live in a second tab (then
// removing it too), and the page passes axe in light and dark.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { markNoReload, wasNotReloaded } from "./support/no-reload";
import { launchServer, type ServerHandle } from "./support/server";
import { signIn } from "./support/sign-in";

let server: ServerHandle;

test.beforeAll(async () => {
  server = await launchServer({ MARKET_FEED: "simulator", MARKET_TICK_RATE: "10", MARKET_NEWS_INTERVAL_S: "2" });
});

test.afterAll(async () => {
  await server?.dispose();
});

const row = (page: Page, ticker: string) => page.getByTestId(`watchlist-row-${ticker}`);
const price = (page: Page, ticker: string) => page.getByTestId(`price-${ticker}`);

async function openMarket(page: Page) {
  await page.goto(`${server.url}/market`);
  await expect(page.getByTestId("watchlist-table")).toBeVisible();
  await expect(page.getByRole("banner").getByTestId("connection-status")).toHaveAttribute("data-status", "live");
}

test("the watchlist's prices move live and the chart draws candles", async ({ page }) => {
  await signIn(page, server.url);
  await openMarket(page);
  await markNoReload(page);
  // A new user's watchlist starts with the defaults.
  await expect(row(page, "AAPL")).toBeVisible();
  await expect(price(page, "AAPL")).toHaveText(/^\d[\d,]*\.\d\d$/);
  const first = await price(page, "AAPL").textContent();
  await expect.poll(() => price(page, "AAPL").textContent(), { timeout: 15_000 }).not.toBe(first);
  // Every row's price moves, not just one.
  const msft = await price(page, "MSFT").textContent();
  await expect.poll(() => price(page, "MSFT").textContent(), { timeout: 15_000 }).not.toBe(msft);
  // The chart of the selected ticker is drawn, and news arrives.
  await expect(page.getByTestId("price-chart-canvas").locator("canvas").first()).toBeVisible();
  await expect(page.getByTestId("news-list").locator("li").first()).toBeVisible({ timeout: 15_000 });
  expect(await wasNotReloaded(page)).toBe(true);
});

test("adding a ticker shows it at once and live in a second tab; removing it too", async ({ context }) => {
  const page = await context.newPage();
  await signIn(page, server.url);
  const other = await context.newPage();
  for (const p of [page, other]) {
    await openMarket(p);
    await expect(row(p, "AAPL")).toBeVisible();
    await markNoReload(p);
  }
  await expect(row(other, "KO")).toHaveCount(0);

  await page.getByTestId("add-ticker-select").click();
  await page.getByTestId("add-ticker-option-KO").click();
  await page.getByTestId("add-ticker-submit").click();
  await expect(row(page, "KO")).toBeVisible();

  // The second tab follows the pushed watchlist_updated, and KO's price is live there.
  await expect(row(other, "KO")).toBeVisible();
  await expect(row(other, "KO")).not.toHaveAttribute("data-pending", "true");
  await expect(price(other, "KO")).toHaveText(/^\d[\d,]*\.\d\d$/);
  const ko = await price(other, "KO").textContent();
  await expect.poll(() => price(other, "KO").textContent(), { timeout: 15_000 }).not.toBe(ko);

  await row(other, "KO").getByRole("button", { name: "Remove KO" }).click();
  await expect(row(other, "KO")).toHaveCount(0);
  await expect(row(page, "KO")).toHaveCount(0);
  expect(await wasNotReloaded(page)).toBe(true);
  expect(await wasNotReloaded(other)).toBe(true);
});

test("the market page passes axe in light and dark", async ({ page }) => {
  await signIn(page, server.url);
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await openMarket(page);
    await expect(page.locator("html")).toHaveClass(new RegExp(theme));
    await expect(price(page, "AAPL")).toBeVisible();
    // The chart's canvas is drawn by the library; its accessible name is on the container.
    const results = await new AxeBuilder({ page }).exclude('[data-testid="price-chart-canvas"] > *').analyze();
    expect(results.violations.map((v) => `${theme} ${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
  }
});
