// @vitest-environment jsdom
// Tests of copyText: the clipboard API first, the execCommand fallback when it is missing or refuses.
import { describe, expect, it, vi } from "vitest";
import { copyText } from "./copy-text";

describe("copyText", () => {
  it("uses navigator.clipboard when it works", async () => {
    const writeText = vi.fn(async () => {});
    const execCommand = vi.fn(() => true);
    const ok = await copyText("sbk_1", { navigator: { clipboard: { writeText } } as unknown as Navigator, document: Object.assign(document, { execCommand }) });
    expect(ok).toBe(true);
    expect(writeText).toHaveBeenCalledWith("sbk_1");
    expect(execCommand).not.toHaveBeenCalled();
  });

  it("falls back to a hidden textarea and execCommand when the clipboard refuses, and leaves nothing behind", async () => {
    const writeText = vi.fn(async () => {
      throw new Error("denied");
    });
    let copied = "";
    const execCommand = vi.fn(() => {
      copied = (document.activeElement as HTMLTextAreaElement | null)?.value ?? document.querySelector("textarea")?.value ?? "";
      return true;
    });
    const ok = await copyText("sbk_2", { navigator: { clipboard: { writeText } } as unknown as Navigator, document: Object.assign(document, { execCommand }) });
    expect(ok).toBe(true);
    expect(execCommand).toHaveBeenCalledWith("copy");
    expect(copied).toBe("sbk_2");
    expect(document.querySelector("textarea")).toBeNull();
  });

  it("says false when neither way works", async () => {
    const execCommand = vi.fn(() => false);
    expect(await copyText("x", { navigator: {} as Navigator, document: Object.assign(document, { execCommand }) })).toBe(false);
    expect(await copyText("x", {})).toBe(false);
  });
});
