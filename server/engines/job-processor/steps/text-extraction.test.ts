import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_TEXT_LAYER_MESSAGE } from "./pdf-to-text";
import { ProcessingError } from "./processing-error";
import { extractText } from "./text-extraction";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "switchboard-steps-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a sample file into the temp dir and returns extractText's input for it. */
async function sample(filename: string, content: string | Uint8Array): Promise<{ path: string; filename: string }> {
  const path = join(dir, `${Math.random().toString(36).slice(2)}-${filename}`);
  await writeFile(path, content);
  return { path, filename };
}

/** The ProcessingError a promise rejects with (fails the test if it resolves or throws something else). */
async function processingError(promise: Promise<unknown>): Promise<ProcessingError> {
  const error = await promise.then(
    () => expect.unreachable("expected a ProcessingError"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProcessingError);
  return error as ProcessingError;
}

async function pdfWithPages(pages: string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([612, 792]);
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 720 - i * 18, size: 12, font }));
  }
  return doc.save();
}

describe("extractText: plain text", () => {
  it("reads .txt and .LOG as UTF-8 text", async () => {
    const txt = await extractText(await sample("notes.txt", "\ufeffCafé in Zürich.\r\nSecond line.\n"));
    expect(txt).toEqual({ text: "Café in Zürich.\nSecond line.", format: "text" });
    const log = await extractText(await sample("SERVER.LOG", "2024-01-01 started\n"));
    expect(log).toEqual({ text: "2024-01-01 started", format: "text" });
  });

  it("rejects a binary file named .txt as unreadable", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const error = await processingError(extractText(await sample("image.txt", png)));
    expect(error.code).toBe("unreadable");
    expect(error.message).toMatch(/not readable text/);
  });

  it("rejects a whitespace-only file as empty", async () => {
    const error = await processingError(extractText(await sample("blank.txt", " \n\t\n ")));
    expect(error.code).toBe("empty");
    expect(error.message).toBe("the file contains no text");
  });

  it("cuts the text at maxChars on a word boundary", async () => {
    const { text } = await extractText(await sample("long.txt", "alpha beta gamma delta"), { maxChars: 13 });
    expect(text).toBe("alpha beta");
  });
});

describe("extractText: structured formats", () => {
  it("strips Markdown to prose", async () => {
    const md = "# Title\n\nSome **bold** text with [a link](https://example.com).\n\n```\ncode stays\n```\n";
    expect(await extractText(await sample("readme.md", md))).toEqual({ text: "Title\n\nSome bold text with a link.\n\ncode stays", format: "markdown" });
  });

  it("turns CSV rows with quoted commas and newlines into readable lines", async () => {
    const csv = 'name,comment,amount\r\n"Doe, Jane","Paid in full,\r\nthanks",120\r\nRoe,"said ""later""",\r\n';
    expect(await extractText(await sample("payments.csv", csv))).toEqual({
      text: 'name: Doe, Jane; comment: Paid in full, thanks; amount: 120\nname: Roe; comment: said "later"',
      format: "csv",
    });
  });

  it("fails a CSV whose quote is never closed", async () => {
    const error = await processingError(extractText(await sample("bad.csv", 'a,b\n"open,1\n')));
    expect(error.code).toBe("invalid_csv");
  });

  it("flattens JSON string values into path lines", async () => {
    const json = JSON.stringify({ title: "Launch plan", owner: { name: "Ann" }, steps: ["Design", "Build"], count: 2 });
    expect(await extractText(await sample("plan.json", json))).toEqual({
      text: "title: Launch plan\nowner.name: Ann\nsteps[0]: Design\nsteps[1]: Build\ncount: 2",
      format: "json",
    });
  });

  it("rejects invalid JSON with the reason", async () => {
    const error = await processingError(extractText(await sample("broken.json", '{"a": 1,,}')));
    expect(error.code).toBe("invalid_json");
    expect(error.message).toMatch(/^invalid JSON: \S/);
  });

  it("calls JSON without any values empty", async () => {
    const error = await processingError(extractText(await sample("nulls.json", '{"a": null, "b": [], "c": ""}')));
    expect(error.code).toBe("empty");
  });

  it("reads HTML without scripts, styles or head, with entities decoded", async () => {
    const html =
      "<html><head><title>T</title><style>body{}</style></head><body><script>var s = '<b>x</b>';</script>" +
      "<h1>News &amp; notes</h1><p>Prices rose &gt; 5&nbsp;% &#8212; &quot;fast&quot;.</p></body></html>";
    expect(await extractText(await sample("page.HTM", html))).toEqual({ text: 'News & notes\n\nPrices rose > 5 % \u2014 "fast".', format: "html" });
  });

  it("calls an HTML page of scripts only empty", async () => {
    const error = await processingError(extractText(await sample("app.html", "<script>boot()</script>")));
    expect(error.code).toBe("empty");
  });
});

describe("extractText: PDF", () => {
  it("returns the sentences of every page, pages separated by a blank line", async () => {
    const pdf = await pdfWithPages([
      ["The first page introduces the quarterly report.", "Revenue grew in every region."],
      ["The second page lists the risks.", "Supply chains remain fragile."],
    ]);
    const { text, format } = await extractText(await sample("report.pdf", pdf));
    expect(format).toBe("pdf");
    expect(text).toBe(
      "The first page introduces the quarterly report. Revenue grew in every region.\n\n" +
        "The second page lists the risks. Supply chains remain fragile.",
    );
  });

  it("glues pieces of one word and spaces separate words drawn as separate runs", async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage();
    const width = (s: string) => font.widthOfTextAtSize(s, 12);
    page.drawText("Quar", { x: 50, y: 700, size: 12, font });
    page.drawText("terly", { x: 50 + width("Quar"), y: 700, size: 12, font });
    page.drawText("revenue", { x: 50 + width("Quarterly "), y: 700, size: 12, font });
    page.drawText("grew.", { x: 50, y: 680, size: 12, font });
    const { text } = await extractText(await sample("runs.pdf", await doc.save()));
    expect(text).toBe("Quarterly revenue grew.");
  });

  it("stops reading pages once maxChars is reached", async () => {
    const pdf = await pdfWithPages([["Page one text here."], ["Page two text here."], ["Page three text here."]]);
    const { text } = await extractText(await sample("three.pdf", pdf), { maxChars: 25 });
    expect(text).toBe("Page one text here.");
  });

  it("explains a truncated PDF", async () => {
    const pdf = await pdfWithPages([["Some text."]]);
    const error = await processingError(extractText(await sample("truncated.pdf", pdf.slice(0, 120))));
    expect(error.code).toBe("unreadable");
    expect(error.message).toMatch(/^the PDF could not be read: \S/);
    expect(error.message).not.toMatch(/\.$/);
  });

  it("explains a file that is not a PDF at all", async () => {
    const error = await processingError(extractText(await sample("garbage.pdf", "this is not a PDF, just text pretending")));
    expect(error.code).toBe("unreadable");
    expect(error.message).toBe("the PDF could not be read: Invalid PDF structure");
  });

  it("rejects a PDF without a text layer (drawings or scans only)", async () => {
    const doc = await PDFDocument.create();
    doc.addPage().drawRectangle({ x: 50, y: 50, width: 200, height: 100, color: rgb(0.2, 0.4, 0.8) });
    doc.addPage();
    const error = await processingError(extractText(await sample("scan.pdf", await doc.save())));
    expect(error.code).toBe("no_text_layer");
    expect(error.message).toBe(NO_TEXT_LAYER_MESSAGE);
    expect(error.message).toBe("the PDF has no extractable text (scanned images are not supported)");
  });
});

describe("extractText: everything else", () => {
  it("rejects unsupported extensions with the list of supported ones", async () => {
    const error = await processingError(extractText(await sample("photo.xyz", "whatever")));
    expect(error.code).toBe("unsupported_format");
    expect(error.message).toBe('unsupported file type ".xyz": supported types are txt, md, csv, json, html, pdf');
    const none = await processingError(extractText(await sample("Makefile", "all:")));
    expect(none.message).toBe("unsupported file type (the file name has no extension): supported types are txt, md, csv, json, html, pdf");
  });

  it("rejects with the signal's reason when aborted, not a ProcessingError", async () => {
    const input = await sample("abort.txt", "text");
    const controller = new AbortController();
    controller.abort(new Error("job cancelled"));
    await expect(extractText(input, { signal: controller.signal })).rejects.toThrow("job cancelled");
    const pdfInput = await sample("abort.pdf", await pdfWithPages([["Text."]]));
    await expect(extractText(pdfInput, { signal: controller.signal })).rejects.toThrow("job cancelled");
  });

  it("rejects with the signal's reason when aborted while reading", async () => {
    const pdfInput = await sample("late-abort.pdf", await pdfWithPages([["Text on one."], ["Text on two."]]));
    const txtInput = await sample("late-abort.txt", "x".repeat(1_000_000));
    for (const input of [pdfInput, txtInput]) {
      const controller = new AbortController();
      const pending = extractText(input, { signal: controller.signal });
      controller.abort(new Error("stopped midway"));
      await expect(pending).rejects.toThrow("stopped midway");
    }
  });

  it("passes I/O errors through unchanged", async () => {
    await expect(extractText({ path: join(dir, "missing.txt"), filename: "missing.txt" })).rejects.toMatchObject({ code: "ENOENT" });
  });
});
