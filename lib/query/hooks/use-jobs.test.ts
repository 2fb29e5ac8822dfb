// @vitest-environment jsdom
// Tests of the jobs hooks' pure parts and of an upload's life: pending row, confirmation, rollback message.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QueryClient, type InfiniteData } from "@tanstack/react-query";
import { toast as sonner } from "sonner";
import type { Job } from "@/lib/protocol/entities/jobs";
import { makeJob } from "@/lib/realtime/testing/fixtures";
import type { Page } from "../collections";
import { ApiError } from "../fetchers";
import { queryKeys } from "../keys";
import { applyEvent } from "../patchers";
import {
  allowedJobActions,
  jobListParams,
  jobListQuery,
  jobTypeOf,
  newClientMutationId,
  pendingJob,
  uploadErrorMessage,
  uploadJob,
  type JobRow,
} from "./use-jobs";

vi.mock("sonner", () => ({ toast: Object.assign(vi.fn(), { error: vi.fn(), success: vi.fn(), info: vi.fn() }) }));

describe("uploadErrorMessage", () => {
  it("names the file and the size limit on 413", () => {
    const err = new ApiError(413, "file_too_large", "File too large");
    expect(uploadErrorMessage("report.pdf", err)).toBe("report.pdf is larger than 10 MB");
    expect(uploadErrorMessage("big.csv", err, 5 * 1024 * 1024)).toBe("big.csv is larger than 5 MB");
    const withLimit = new ApiError(413, "file_too_large", "File too large", [], { error: { code: "file_too_large", message: "x", max_bytes: 2 * 1024 * 1024 } });
    expect(uploadErrorMessage("a.txt", withLimit)).toBe("a.txt is larger than 2 MB");
    // The server states its configured limit in the message.
    const stated = new ApiError(413, "file_too_large", "the file is larger than the 2.5 MiB limit");
    expect(uploadErrorMessage("b.txt", stated)).toBe("b.txt is larger than 2.5 MB");
  });

  it("gives the file issue of a 400", () => {
    const err = new ApiError(400, "invalid_request", "Invalid request", [{ path: "file", message: "Is required" }]);
    expect(uploadErrorMessage("notes.md", err)).toBe("notes.md was not accepted: file is required");
  });

  it("says the server could not be reached on a network failure", () => {
    expect(uploadErrorMessage("a.txt", new TypeError("Failed to fetch"))).toBe("a.txt could not be uploaded: the server could not be reached");
  });

  it("passes other API messages on, and names an unnamed file", () => {
    expect(uploadErrorMessage("", new ApiError(500, "internal", "Internal error."))).toBe(
      "The file could not be uploaded: the server failed (internal error)",
    );
  });
});

describe("list params and query", () => {
  it("sorts filters so equal filters give equal keys, and leaves empty ones out", () => {
    expect(jobListParams({ status: ["failed", "queued"], type: ["pdf", "csv"] })).toEqual({ status: ["queued", "failed"], type: ["csv", "pdf"] });
    expect(jobListParams({ status: [], type: [] })).toEqual({});
    expect(jobListParams({}, 10)).toEqual({ limit: 10 });
  });

  it("sends comma-separated filters", () => {
    expect(jobListQuery({ status: ["failed", "cancelled"], type: ["pdf"] }, "c1")).toEqual({
      status: "failed,cancelled",
      type: "pdf",
      limit: undefined,
      cursor: "c1",
    });
  });
});

describe("jobTypeOf, pendingJob, allowedJobActions, newClientMutationId", () => {
  it("guesses the type from the extension", () => {
    expect(["a.TXT", "b.md", "c.csv", "d.json", "e.htm", "f.pdf", "g.docx", "noext", ".env"].map(jobTypeOf)).toEqual([
      "text",
      "markdown",
      "csv",
      "json",
      "html",
      "pdf",
      "other",
      "other",
      "other",
    ]);
  });

  it("builds a queued pending row", () => {
    expect(pendingJob("a.csv", "m1")).toMatchObject({ job_id: "pending-m1", status: "queued", progress: 0, type: "csv", _pending: true, client_mutation_id: "m1" });
  });

  it("allows only what the server allows, and nothing while pending", () => {
    const j = (o: Partial<JobRow>) => ({ ...makeJob({ job_id: "j" }), ...o });
    expect(allowedJobActions(j({ status: "failed" }))).toEqual({ retry: true, cancel: false, delete: true });
    expect(allowedJobActions(j({ status: "processing" }))).toEqual({ retry: false, cancel: true, delete: false });
    expect(allowedJobActions(j({ status: "queued" }))).toEqual({ retry: false, cancel: true, delete: true });
    expect(allowedJobActions(j({ status: "failed", _action: "retry" }))).toEqual({ retry: false, cancel: false, delete: false });
    expect(allowedJobActions(j({ status: "queued", _pending: true }))).toEqual({ retry: false, cancel: false, delete: false });
  });

  it("makes unique ids", () => {
    expect(newClientMutationId()).not.toBe(newClientMutationId());
  });
});

describe("uploadJob", () => {
  const toast = vi.mocked(sonner.error);
  const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
  const listKey = queryKeys.jobs.list({});
  const items = (qc: QueryClient) => qc.getQueryData<InfiniteData<Page<JobRow>>>(listKey)?.pages.flatMap((p) => p.items) ?? [];

  beforeEach(() => {
    toast.mockReset();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function seed() {
    const qc = newClient();
    qc.setQueryData(listKey, { pages: [{ items: [], next_cursor: null }], pageParams: [null] });
    return qc;
  }

  it("shows a pending row at once and replaces it with the job of the 201 (and the push is not a duplicate)", async () => {
    const qc = seed();
    let resolve!: (r: Response) => void;
    let sent: FormData | null = null;
    vi.stubGlobal("fetch", (_url: string, init: RequestInit) => {
      sent = init.body as FormData;
      return new Promise<Response>((r) => (resolve = r));
    });
    const done = uploadJob(qc, new File(["hello"], "notes.md"));
    expect(items(qc)).toMatchObject([{ filename: "notes.md", _pending: true, status: "queued" }]);
    const cmid = sent!.get("client_mutation_id") as string;
    expect((sent!.get("file") as File).name).toBe("notes.md");
    const job: Job = makeJob({ job_id: "job_1", filename: "notes.md", client_mutation_id: cmid, version: 1 });
    resolve(new Response(JSON.stringify(job), { status: 201, headers: { "content-type": "application/json" } }));
    await done;
    expect(items(qc).map((j) => [j.job_id, j._pending])).toEqual([["job_1", undefined]]);
    applyEvent(qc, { type: "processing_job_created", topic: "jobs", id: "1-0", ts: job.created_at, data: job });
    expect(items(qc)).toHaveLength(1);
  });

  it("rolls the row back with a toast naming the file on 413", async () => {
    const qc = seed();
    vi.stubGlobal("fetch", async () =>
      new Response(JSON.stringify({ error: { code: "file_too_large", message: "too large" } }), { status: 413 }),
    );
    const result = await uploadJob(qc, new File(["x"], "report.pdf"));
    expect(result).toBeNull();
    expect(items(qc)).toEqual([]);
    expect(toast).toHaveBeenCalledWith("report.pdf is larger than 10 MB", { richColors: false });
  });

  it("rolls back on a network failure", async () => {
    const qc = seed();
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    await uploadJob(qc, new File(["x"], "a.txt"));
    expect(items(qc)).toEqual([]);
    expect(toast).toHaveBeenCalledWith("a.txt could not be uploaded: the server could not be reached", { richColors: false });
  });
});
