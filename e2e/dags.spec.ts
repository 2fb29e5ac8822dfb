// DAG runs in a real browser: triggering a run adds it to the runs grid at once and live in a
// second tab; its page colours the graph step by step as the runner goes, without a reload; the
// pages pass axe in light and dark.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
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

const DAG = {
  dag_id: "e2e-chain",
  name: "E2E chain",
  description: "Three steps, one after the other, slow enough to watch.",
  steps: [
    { step_id: "fetch", operator: "delay", params: { ms: 1500 } },
    // Long enough for the run page to load and see it running, even on a slow machine.
    { step_id: "transform", depends_on: ["fetch"], operator: "delay", params: { ms: 4000 } },
    { step_id: "publish", depends_on: ["transform"], operator: "delay", params: { ms: 500 } },
  ],
};

const card = (page: Page) => page.getByTestId("dag-card").filter({ hasText: DAG.name });
const runColumns = (page: Page) => card(page).locator("th[data-run-id]");
const node = (page: Page, stepId: string) => page.locator(`[data-testid="dag-node"][data-step-id="${stepId}"]`);

test("a triggered run joins the grid in a second tab, and its graph colours step by step", async ({ context }) => {
  const page = await context.newPage();
  await signIn(page, server.url);
  const other = await context.newPage();
  for (const p of [page, other]) {
    await p.goto(`${server.url}/dags`);
    await expect(p.getByTestId("dag-card").first()).toBeVisible();
    await expect(p.getByRole("banner").getByTestId("connection-status")).toHaveAttribute("data-status", "live");
    await markNoReload(p);
  }

  // A definition created elsewhere appears live in both tabs.
  const created = await page.request.post(`${server.url}/api/dags`, { headers: { origin: server.url }, data: DAG });
  expect(created.status()).toBe(201);
  await expect(card(page)).toBeVisible();
  await expect(card(other)).toBeVisible();
  await expect(runColumns(other)).toHaveCount(0);

  await card(page).getByRole("button", { name: `Trigger ${DAG.name}`, exact: true }).click();
  await expect(runColumns(page)).toHaveCount(1);
  await expect(runColumns(other)).toHaveCount(1);
  const runId = await runColumns(page).first().getAttribute("data-run-id");
  expect(runId).toMatch(/^run_/);

  await runColumns(page).first().getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/dags/${DAG.dag_id}/runs/${runId}$`));
  // The graph follows the runner: fetch finishes while publish still waits, then everything succeeds.
  await expect(node(page, "fetch")).toHaveAttribute("data-status", "success");
  await expect(node(page, "transform")).toHaveAttribute("data-status", "running");
  await expect(node(page, "publish")).toHaveAttribute("data-status", "pending");
  await expect(node(page, "transform")).toHaveAttribute("data-status", "success");
  await expect(node(page, "publish")).toHaveAttribute("data-status", "success");
  await expect(page.getByTestId("dag-run-counts")).toContainText("3 of 3");
  // The other tab's grid coloured the run's cells as it went.
  await expect(card(other).getByRole("link", { name: /^publish: success/ })).toBeVisible();
  expect(await wasNotReloaded(other)).toBe(true);
});

test("the DAG pages pass axe in light and dark", async ({ page }) => {
  await signIn(page, server.url);
  const res = await page.request.post(`${server.url}/api/dags/report-pipeline/runs`, { headers: { origin: server.url }, data: {} });
  const run = (await res.json()) as { run_id: string };
  // Let the run end first: its "succeeded" toast would otherwise be checked mid-animation.
  await expect
    .poll(async () => ((await (await page.request.get(`${server.url}/api/dag-runs/${run.run_id}`)).json()) as { status: string }).status, { timeout: 30_000 })
    .toBe("success");
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const [path, ready] of [
      ["/dags", "dag-card"],
      [`/dags/report-pipeline/runs/${run.run_id}`, "dag-node"],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await expect(page.locator("html")).toHaveClass(new RegExp(theme));
      await expect(page.getByTestId(ready).first()).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${theme} ${path} ${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
    }
  }
});
