// The admin console in a real browser: a second browser's connection appears live and goes away
// with Disconnect; an announcement sent from the Broadcast tab shows as a banner in the other
// browser; a normal user sees "Admins only" and no Admin link; the console passes axe in light and dark.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { launchServer, type ServerHandle } from "./support/server";
import { signIn } from "./support/sign-in";

let server: ServerHandle;

test.beforeAll(async () => {
  server = await launchServer();
});

test.afterAll(async () => {
  await server?.dispose();
});

/** Creates a normal user through the admin API (the admin `page` is signed in) and signs them in in a new browser context. */
async function userBrowser(browser: Browser, admin: Page, name: string) {
  const credentials = { email: `${name}-${Date.now()}@e2e.test`, password: "e2e-user-password" };
  const res = await admin.request.post(`${server.url}/api/admin/users`, { headers: { origin: server.url }, data: { ...credentials, role: "user" } });
  expect(res.status()).toBe(201);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, server.url, credentials);
  return { context, page, credentials };
}

const rowsOf = (page: Page, email: string) => page.locator(`[data-testid="admin-connection-row"]`).filter({ hasText: email });

test("an admin sees another browser's connection appear live and disconnects it", async ({ page, browser }) => {
  await signIn(page, server.url);
  await page.goto(`${server.url}/admin`);
  await expect(page.getByRole("heading", { level: 1, name: "Admin console" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toBeVisible();
  // The admin's own socket is listed.
  await expect(page.getByTestId("admin-connection-row").first()).toBeVisible();

  const other = await userBrowser(browser, page, "watched");
  try {
    // A normal user gets no Admin link, and "Admins only" at /admin.
    await expect(other.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
    await other.page.goto(`${server.url}/admin`);
    await expect(other.page.getByTestId("admins-only")).toBeVisible();
    await expect(other.page.getByRole("banner").getByTestId("connection-status")).toHaveAttribute("data-status", "live");

    // Their socket appears in the admin's table without a reload.
    const row = rowsOf(page, other.credentials.email).first();
    await expect(row).toBeVisible();
    const clientId = await row.getAttribute("data-client-id");
    expect(clientId).toBeTruthy();
    const thatRow = page.locator(`[data-testid="admin-connection-row"][data-client-id="${clientId}"]`);

    await thatRow.getByTestId("admin-disconnect").click();
    await expect(thatRow).toHaveCount(0);
    // The action is in the audit log.
    await page.getByTestId("admin-tab-audit").click();
    await expect(page).toHaveURL(/tab=audit/);
    await expect(page.locator(`[data-testid="admin-audit-row"][data-action="connection_disconnected"]`).first()).toBeVisible();
  } finally {
    await other.context.close();
  }
});

test("an announcement sent from the Broadcast tab shows as a banner in the other browser, with the sockets it reached", async ({ page, browser }) => {
  await signIn(page, server.url);
  const other = await userBrowser(browser, page, "listener");
  try {
    await page.goto(`${server.url}/admin?tab=broadcast`);
    const message = `Maintenance at 18:00 UTC (${Date.now()})`;
    await page.getByLabel("Message", { exact: true }).fill(message);
    await page.getByLabel("Level", { exact: true }).selectOption("warning");
    await page.getByTestId("admin-broadcast-send").click();
    await expect(page.getByTestId("admin-broadcast-result")).toContainText(/reached \d+ sockets?/);
    const reached = Number((await page.getByTestId("admin-broadcast-sockets").textContent())?.match(/\d+/)?.[0]);
    // At least the admin's tab and the other browser.
    expect(reached).toBeGreaterThanOrEqual(2);

    const banner = other.page.getByTestId("announcement-banner");
    await expect(banner).toContainText(message);
    await expect(banner).toHaveAttribute("data-level", "warning");
  } finally {
    await other.context.close();
  }
});

test("the admin console passes axe in light and dark on every tab", async ({ page }) => {
  await signIn(page, server.url);
  // Something in every list: a key and an audit entry.
  const key = await page.request.post(`${server.url}/api/admin/api-keys`, { headers: { origin: server.url }, data: { name: "axe-check" } });
  expect(key.status()).toBe(201);
  const ready: Record<string, string> = {
    connections: "admin-connections",
    topics: "admin-topics",
    broadcast: "admin-broadcast-form",
    users: "admin-users",
    keys: "admin-keys",
    audit: "admin-audit",
  };
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const [tab, testId] of Object.entries(ready)) {
      await page.goto(`${server.url}/admin?tab=${tab}`);
      await expect(page.locator("html")).toHaveClass(new RegExp(theme));
      await expect(page.getByTestId(testId)).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${theme} ${tab} ${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
    }
  }
});
