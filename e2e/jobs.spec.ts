// The jobs page in a real browser: uploads appear at once as pending rows, move live to completed,
// the bell counts the notifications and a second tab clears when they are read; a rejected upload
// rolls back with a message.
import { expect, test } from "@playwright/test";
import { launchServer, type ServerHandle } from "./support/server";
import { signIn } from "./support/sign-in";
import { markNoReload, wasNotReloaded } from "./support/no-reload";

let server: ServerHandle;

const TEXT = [
  "Ada Lovelace wrote the first published algorithm for Charles Babbage's Analytical Engine in London.",
  "Her notes describe how the engine could compute Bernoulli numbers.",
  "The Analytical Engine was never completed, but her notes on the engine are famous.",
].join(" ");

test.beforeAll(async () => {
  // A pause before each step makes the progress visible; a small upload limit makes rejection easy.
  server = await launchServer({ JOB_STEP_DELAY_MS: "400", MAX_UPLOAD_BYTES: "20000" });
});

test.afterAll(async () => {
  await server?.dispose();
});

test("two uploads show as pending rows, progress and complete live; the bell counts them and a second tab clears", async ({ context }) => {
  const page = await context.newPage();
  await signIn(page, server.url);
  const otherTab = await context.newPage();
  await otherTab.goto(`${server.url}/`);
  await expect(otherTab.getByRole("banner").getByTestId("connection-status")).toHaveAttribute("data-status", "live");

  await page.goto(`${server.url}/jobs`);
  await expect(page.getByTestId("jobs-page")).toBeVisible();
  await markNoReload(page);

  // Hold the uploads until the pending rows have been seen, then let them through.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/jobs", async (route) => {
    if (route.request().method() === "POST") await held;
    await route.continue();
  });
  await page.getByTestId("upload-input").setInputFiles([
    { name: "lovelace.txt", mimeType: "text/plain", buffer: Buffer.from(TEXT) },
    { name: "engine.md", mimeType: "text/markdown", buffer: Buffer.from(`# The engine\n\n${TEXT}`) },
  ]);
  await expect(page.locator('[data-testid="job-row"][data-pending]')).toHaveCount(2);
  release();

  const row = (name: string) => page.getByTestId("job-row").filter({ hasText: name });
  // Somewhere on the way, a progress bar shows a value strictly between 0 and 100.
  await expect(page.locator('[data-testid="job-row"] [role="progressbar"]:is([aria-valuenow="25"], [aria-valuenow="50"], [aria-valuenow="75"])').first()).toBeVisible();
  await expect(row("lovelace.txt")).toContainText(/completed/i, { timeout: 30_000 });
  await expect(row("engine.md")).toContainText(/completed/i, { timeout: 30_000 });
  await expect(page.locator('[data-testid="job-row"][data-pending]')).toHaveCount(0);
  await expect(page.getByTestId("job-row")).toHaveCount(2);
  expect(await wasNotReloaded(page)).toBe(true);

  const bell = page.getByTestId("notification-bell");
  await expect(bell).toHaveAttribute("data-unread", "2");
  await expect(otherTab.getByTestId("notification-bell")).toHaveAttribute("data-unread", "2");
  await bell.click();
  await expect(page.getByTestId("notification-item")).toHaveCount(2);
  await page.getByTestId("mark-all-read").click();
  await expect(bell).toHaveAttribute("data-unread", "0");
  await expect(otherTab.getByTestId("notification-bell")).toHaveAttribute("data-unread", "0");

  // The detail page shows what the processing found.
  await page.keyboard.press("Escape");
  await row("lovelace.txt").click();
  await expect(page).toHaveURL(/\/jobs\/job_/);
  await expect(page.getByTestId("job-summary")).toContainText("Analytical Engine");
  await expect(page.getByTestId("job-entities")).toContainText("Ada Lovelace");
});

test("an upload the server rejects rolls back with a visible message", async ({ page }) => {
  await signIn(page, server.url);
  await page.goto(`${server.url}/jobs`);
  await expect(page.getByTestId("jobs-page")).toBeVisible();
  // Count the rows once the list has loaded (the skeleton is gone), not while it is loading.
  await expect(page.getByTestId("jobs-loading")).toHaveCount(0);
  const before = await page.getByTestId("job-row").count();
  await page.getByTestId("upload-input").setInputFiles([{ name: "huge.txt", mimeType: "text/plain", buffer: Buffer.alloc(40_000, "a") }]);
  await expect(page.getByText(/huge\.txt/).and(page.getByText(/larger|too large/i)).first()).toBeVisible();
  await expect(page.locator('[data-testid="job-row"][data-pending]')).toHaveCount(0);
  await expect(page.getByTestId("job-row")).toHaveCount(before);
});
