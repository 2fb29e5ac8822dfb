// Sign in, see the header go live, and survive a server restart without a reload.
import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ADMIN, launchServer, type ServerHandle } from "./support/server";
import { markNoReload, wasNotReloaded } from "./support/no-reload";

let server: ServerHandle;

test.beforeAll(async () => {
  server = await launchServer();
});

test.afterAll(async () => {
  await server?.dispose();
});

test("a user who is not signed in is sent to the login page, and a wrong password is explained", async ({ page }) => {
  await page.goto(`${server.url}/`);
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page.getByText(/incorrect/i)).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test("signing in shows the header live; a server restart goes reconnecting and back to live with no reload", async ({ page }) => {
  await page.goto(`${server.url}/login`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(`${server.url}/`);
  const status = page.getByRole("banner").getByTestId("connection-status");
  await expect(status).toHaveAttribute("data-status", "live");

  // A marker on the window proves the page was not reloaded.
  await markNoReload(page);

  expect(await server.stop()).toBe(0);
  await expect(status).toHaveAttribute("data-status", /reconnecting|connecting|offline/);
  await server.start();
  await expect(status).toHaveAttribute("data-status", "live", { timeout: 30_000 });
  expect(await wasNotReloaded(page)).toBe(true);
});

test("the dashboard passes an accessibility check in light and dark mode", async ({ page }) => {
  await page.goto(`${server.url}/login`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page.getByRole("banner").getByTestId("connection-status")).toHaveAttribute("data-status", "live");
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator("html")).toHaveClass(new RegExp(scheme));
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
  }
});
