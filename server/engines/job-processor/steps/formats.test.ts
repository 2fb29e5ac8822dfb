import { describe, expect, it } from "vitest";
import { extensionOf, formatFor, jobTypeFor, SUPPORTED_EXTENSIONS } from "./formats";

describe("formats", () => {
  it("maps every supported extension, case-insensitively", () => {
    expect(jobTypeFor("notes.txt")).toBe("text");
    expect(jobTypeFor("server.LOG")).toBe("text");
    expect(jobTypeFor("README.md")).toBe("markdown");
    expect(jobTypeFor("guide.Markdown")).toBe("markdown");
    expect(jobTypeFor("table.CSV")).toBe("csv");
    expect(jobTypeFor("data.json")).toBe("json");
    expect(jobTypeFor("page.htm")).toBe("html");
    expect(jobTypeFor("page.HTML")).toBe("html");
    expect(jobTypeFor("report.final.pdf")).toBe("pdf");
    expect(Object.keys(SUPPORTED_EXTENSIONS).sort()).toEqual(["csv", "htm", "html", "json", "log", "markdown", "md", "pdf", "txt"]);
  });

  it("calls anything else 'other'", () => {
    expect(jobTypeFor("photo.jpeg")).toBe("other");
    expect(jobTypeFor("Makefile")).toBe("other");
    expect(jobTypeFor(".txt")).toBe("other"); // a hidden file named ".txt" has no extension
    expect(jobTypeFor("archive.txt.gz")).toBe("other");
    expect(formatFor("x.exe")).toBeNull();
  });

  it("reads the extension of the last path segment only", () => {
    expect(extensionOf("dir.v2/file")).toBe("");
    expect(extensionOf("C:\\docs\\Report.PDF")).toBe("pdf");
    expect(extensionOf("trailing.")).toBe("");
  });
});
