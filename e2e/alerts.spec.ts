// Temporal alerts in a real browser: a rule made in the alerts view's dialog (inline errors first),
// quotes posted with an API key breach it, and the fired alert reaches the bell and the alerts view
// live, then shows as cleared when the quote recovers, all without a reload; the view passes axe.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { markNoReload, wasNotReloaded } from "./support/no-reload";
import { launchServer, type ServerHandle } from "./support/server";
import { signIn } from "./support/sign-in";

let server: ServerHandle;

test.beforeAll(async () => {
  server = await launchServer();
});

test.afterAll(async () => {
  await server?.dispose();
});

function postQuote(request: APIRequestContext, key: string, change_percent: number) {
  return request.post(`${server.url}/api/events`, {
    headers: { authorization: `Bearer ${key}` },
    data: { topic: "market:ZZZ", type: "market_data", data: { ticker: "ZZZ", price: 50 + change_percent, change: change_percent, change_percent, volume: 100, timestamp: new Date().toISOString() } },
  });
}

test("a breaching quote fires the rule into the bell and the alerts view, and its recovery clears it", async ({ page }) => {
  await signIn(page, server.url);
  const keyRes = await page.request.post(`${server.url}/api/admin/api-keys`, { headers: { origin: server.url }, data: { name: "e2e quotes" } });
  expect(keyRes.status()).toBe(201);
  const { key } = (await keyRes.json()) as { key: string };

  await page.goto(`${server.url}/alerts`);
  await expect(page.getByRole("banner").getByTestId("connection-status")).toHaveAttribute("data-status", "live");
  await expect(page.getByTestId("fired-alerts-empty")).toBeVisible();
  await markNoReload(page);
  const bell = page.getByTestId("notification-bell");
  const unreadBefore = Number((await bell.getAttribute("data-unread")) ?? "0");

  // The dialog checks the fields before sending.
  await page.getByTestId("new-rule").click();
  const dialog = page.getByTestId("rule-dialog");
  await dialog.getByLabel("Topic").fill("nope:ZZZ");
  await dialog.getByTestId("rule-save").click();
  await expect(dialog.getByTestId("rule-name-error")).toBeVisible();
  await expect(dialog.getByTestId("rule-topic-error")).toBeVisible();
  await expect(dialog.getByTestId("rule-threshold-error")).toHaveText("is required");

  await dialog.getByLabel("Name").fill("ZZZ drop");
  await dialog.getByLabel("Topic").fill("market:ZZZ");
  await dialog.getByLabel("Field").fill("change_percent");
  await dialog.getByLabel("Condition").selectOption("lt");
  await dialog.getByLabel("Threshold").fill("-3");
  await dialog.getByLabel("For (seconds)").fill("1");
  await dialog.getByLabel("Severity").selectOption("error");
  await dialog.getByTestId("rule-save").click();
  await expect(dialog).toBeHidden();
  const rule = page.getByTestId("alert-rule").filter({ hasText: "ZZZ drop" });
  await expect(rule).toBeVisible();
  await expect(rule).not.toHaveAttribute("data-pending", /.+/);

  // Breaching quotes until the 1 s window has passed.
  const firing = page.getByTestId("fired-alert").filter({ hasText: "ZZZ drop" });
  await expect(async () => {
    expect((await postQuote(page.request, key, -4.5)).status()).toBe(202);
    await expect(firing).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await expect(firing).toHaveAttribute("data-state", "firing");
  await expect(firing).toContainText("market:ZZZ change_percent = -4.5");
  await expect(page.getByTestId("fired-alert")).toHaveCount(1);

  // The bell counts it, and its item leads to the alerts view.
  await expect(bell).toHaveAttribute("data-unread", String(unreadBefore + 1));
  await bell.click();
  await expect(page.getByTestId("notification-item").filter({ hasText: "Alert: ZZZ drop" })).toBeVisible();
  await page.keyboard.press("Escape");

  // Still breaching: no second firing; a recovery clears it.
  expect((await postQuote(page.request, key, -5)).status()).toBe(202);
  expect((await postQuote(page.request, key, -1)).status()).toBe(202);
  await expect(firing).toHaveAttribute("data-state", "cleared");
  await expect(page.getByTestId("fired-alert")).toHaveCount(1);

  // Disabling is optimistic and confirmed by the push.
  await rule.getByTestId("alert-rule-toggle").click();
  await expect(rule).toContainText("disabled");
  await expect(rule).not.toHaveAttribute("data-pending", /.+/);

  expect(await wasNotReloaded(page)).toBe(true);
});

test("the alerts view passes axe in light and dark", async ({ page }) => {
  await signIn(page, server.url);
  await page.request.post(`${server.url}/api/alerts/rules`, {
    headers: { origin: server.url },
    data: { name: "CPU hot", topic: "system", field: "cpu.usage", op: "gt", threshold: 99.9, window_s: 60 },
  });
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(`${server.url}/alerts`);
    await expect(page.locator("html")).toHaveClass(new RegExp(theme));
    await expect(page.getByTestId("alert-rule").first()).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${theme} /alerts ${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
  }
});
