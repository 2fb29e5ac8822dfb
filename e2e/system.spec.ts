// The system page in a real browser: the charts advance with pushed metrics (no reload, no refetch),
// the processes, interfaces and modules show, a resource alert arrives live; the page passes axe in
// light and dark.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { markNoReload, wasNotReloaded } from "./support/no-reload";
import { launchServer, type ServerHandle } from "./support/server";
import { signIn } from "./support/sign-in";

let server: ServerHandle;

test.beforeAll(async () => {
  // Memory use is always above 1%: a resource alert fires a few seconds after start.
  server = await launchServer({ MODULE_HEALTH_INTERVAL_MS: "1000", SYSTEM_PROCESSES_INTERVAL_MS: "2000", RESOURCE_ALERT_MEMORY: "1" });
});

test.afterAll(async () => {
  await server?.dispose();
});

const chart = (page: Page, id: string) => page.getByTestId(`system-chart-${id}`);
const lastTs = async (page: Page, id: string) => Number(await chart(page, id).getAttribute("data-last"));

test("the charts advance live, and processes, interfaces, modules and alerts show", async ({ page }) => {
  await signIn(page, server.url);
  await page.goto(`${server.url}/system`);
  await expect(page.getByRole("heading", { level: 1, name: "System" })).toBeVisible();
  await expect(page.getByRole("banner").getByTestId("connection-status")).toHaveAttribute("data-status", "live");
  await markNoReload(page);

  // Only the first load asks for the history: the charts then advance from pushes alone.
  let historyRequests = 0;
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/system/metrics") historyRequests += 1;
  });

  for (const id of ["cpu", "memory", "disk", "network"]) await expect(chart(page, id)).toBeVisible();
  await expect.poll(() => lastTs(page, "cpu"), { timeout: 15_000 }).toBeGreaterThan(0);
  const first = await lastTs(page, "cpu");
  const firstPoints = Number(await chart(page, "cpu").getAttribute("data-points"));
  await expect.poll(() => lastTs(page, "cpu"), { timeout: 10_000 }).toBeGreaterThan(first);
  await expect.poll(async () => Number(await chart(page, "memory").getAttribute("data-points")), { timeout: 10_000 }).toBeGreaterThan(firstPoints);
  await expect(page.getByTestId("system-value-cpu")).toHaveText(/^\d+(\.\d)?%$/);
  // Recharts drew the series.
  await expect(chart(page, "cpu").locator(".recharts-area-curve")).toHaveCount(1);

  await expect(page.getByTestId("system-process-row").first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("system-interface-row").first()).toBeVisible({ timeout: 15_000 });
  for (const module of ["hub", "bus", "storage", "job-processor", "agent-scheduler", "dag-runner", "market-feed", "metrics-collector"]) {
    await expect(page.locator(`[data-testid="system-module"][data-module="${module}"]`)).toBeVisible({ timeout: 15_000 });
  }
  await expect(page.locator('[data-testid="system-module"][data-module="storage"]')).toHaveAttribute("data-status", /ok|degraded/);
  await expect(page.getByTestId("system-alert").filter({ hasText: "Memory at" }).first()).toBeVisible({ timeout: 15_000 });

  expect(historyRequests).toBe(0);
  expect(await wasNotReloaded(page)).toBe(true);
});

test("the system page passes axe in light and dark", async ({ page }) => {
  await signIn(page, server.url);
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(`${server.url}/system`);
    await expect(page.locator("html")).toHaveClass(new RegExp(theme));
    await expect(page.getByTestId("system-process-row").first()).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId("system-module").first()).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${theme} ${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
  }
});
