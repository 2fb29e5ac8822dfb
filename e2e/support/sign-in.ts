// Signs a page in through the login form, as a person would.
import { expect, type Page } from "@playwright/test";
import { ADMIN } from "./server";

export async function signIn(page: Page, baseUrl: string, credentials = ADMIN): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(credentials.email);
  await page.getByLabel("Password").fill(credentials.password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page.getByRole("banner").getByTestId("connection-status")).toHaveAttribute("data-status", "live");
}
