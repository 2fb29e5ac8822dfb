// Proves a page was never reloaded: a marker set on `window` survives only as long as the document does.
import type { Page } from "@playwright/test";

type Marked = { __noReload?: boolean };

export async function markNoReload(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as Marked).__noReload = true));
}

export function wasNotReloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as Marked).__noReload === true);
}
