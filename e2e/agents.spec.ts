// The agents page in a real browser: pausing an agent shows at once in this tab and live in a
// second one; resuming from the second tab shows live in the first; a task no agent can take says
// why it waits; the page passes axe in light and dark.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
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

const card = (page: Page, name: string) => page.getByTestId("agent-card").filter({ has: page.getByRole("heading", { name, exact: true }) });

async function openAgents(page: Page) {
  await page.goto(`${server.url}/agents`);
  await expect(card(page, "Summariser")).toBeVisible();
  await markNoReload(page);
}


test("pausing an agent shows at once and live in a second tab; resuming there shows live here", async ({ context }) => {
  const page = await context.newPage();
  await signIn(page, server.url);
  const other = await context.newPage();
  await openAgents(page);
  await openAgents(other);

  await expect(card(other, "Summariser")).toContainText("Idle");
  await page.getByRole("button", { name: "Pause Summariser" }).click();
  await expect(card(page, "Summariser")).toContainText("Paused");
  await expect(card(other, "Summariser")).toContainText("Paused");
  await expect(other.getByRole("button", { name: "Resume Summariser" })).toBeVisible();

  await other.getByRole("button", { name: "Resume Summariser" }).click();
  await expect(card(page, "Summariser")).toContainText("Idle");
  await expect(page.getByRole("button", { name: "Pause Summariser" })).toBeVisible();
  expect(await wasNotReloaded(page)).toBe(true);
  expect(await wasNotReloaded(other)).toBe(true);
});

test("a task that needs a capability no agent has waits and says why", async ({ page }) => {
  await signIn(page, server.url);
  const res = await page.request.post(`${server.url}/api/tasks`, {
    headers: { origin: server.url },
    data: { description: "Translate the release notes into Basque", type: "summarization", required_capabilities: [{ name: "translation", min_proficiency: 0.8 }] },
  });
  expect(res.status()).toBe(201);
  await page.goto(`${server.url}/agents?tab=tasks`);
  const row = page.getByRole("row").filter({ hasText: "Translate the release notes" });
  await expect(row).toContainText("Pending");
  await expect(row).toContainText("Waiting: no agent has the translation capability");
});

test("the agents page and its tasks tab pass axe in light and dark", async ({ page }) => {
  await signIn(page, server.url);
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const path of ["/agents", "/agents?tab=tasks"]) {
      await page.goto(`${server.url}${path}`);
      await expect(page.locator("html")).toHaveClass(new RegExp(theme));
      await expect(page.getByRole("tab", { selected: true })).toBeVisible();
      await expect(page.getByTestId("agent-card").first().or(page.getByRole("table"))).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${theme} ${path} ${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
    }
  }
});
