// Tests of the jobs page's small pure helpers: duration/ETA text, URL filters, entity grouping.
import { describe, expect, it } from "vitest";
import { iso, makeJob, T0 } from "@/lib/realtime/testing/fixtures";
import { durationOrEta, durationSortValue, formatElapsed, jobTypeLabel } from "./job-format";
import { filtersFromSearch, filtersToSearch } from "./jobs-filters";
import { groupEntities } from "./job-results";

describe("durationOrEta", () => {
  it("says Waiting while queued, the time left while processing, the run time once done", () => {
    expect(durationOrEta(makeJob({ job_id: "j", status: "queued" }), T0).text).toBe("Waiting");
    expect(durationOrEta(makeJob({ job_id: "j", status: "processing", estimated_completion: iso(95) }), T0).text).toBe("~1m 35s left");
    expect(durationOrEta(makeJob({ job_id: "j", status: "processing", estimated_completion: iso(1) }), T0).text).toBe("Almost done");
    expect(durationOrEta(makeJob({ job_id: "j", status: "processing", estimated_completion: null }), T0).text).toBe("Estimating…");
    expect(durationOrEta(makeJob({ job_id: "j", status: "completed", started_at: iso(0), completed_at: iso(0.85) }), T0)).toEqual({
      text: "850 ms",
      kind: "duration",
    });
    expect(durationOrEta(makeJob({ job_id: "j", status: "failed", started_at: iso(0), failed_at: iso(75) }), T0).text).toBe("1m 15s");
    expect(durationOrEta(makeJob({ job_id: "j", status: "cancelled", started_at: null }), T0).text).toBe("–");
  });

  it("sorts queued jobs after everything else", () => {
    const queued = durationSortValue(makeJob({ job_id: "j", status: "queued" }), T0);
    const done = durationSortValue(makeJob({ job_id: "j", status: "completed", started_at: iso(0), completed_at: iso(3) }), T0);
    expect(done).toBe(3000);
    expect(queued).toBeGreaterThan(done);
  });

  it("formats elapsed times and type labels", () => {
    expect([formatElapsed(12), formatElapsed(1500), formatElapsed(null)]).toEqual(["12 ms", "1s", "–"]);
    expect([jobTypeLabel("csv"), jobTypeLabel("pdf"), jobTypeLabel("weird")]).toEqual(["CSV", "PDF", "weird"]);
  });
});

describe("filters in the URL", () => {
  it("reads known values only, and writes them in a stable order", () => {
    const filters = filtersFromSearch(new URLSearchParams("status=failed,bogus,cancelled&type=pdf,exe"));
    expect(filters).toEqual({ status: ["failed", "cancelled"], type: ["pdf"] });
    expect(filtersToSearch({ status: ["cancelled", "failed"], type: ["pdf", "csv"] })).toBe("?status=failed,cancelled&type=csv,pdf");
    expect(filtersToSearch({})).toBe("");
  });
});

describe("groupEntities", () => {
  it("groups by type in a fixed order, counts repeats case-insensitively, keeps unknown types last", () => {
    const groups = groupEntities([
      { text: "Berlin", type: "place" },
      { text: "Acme", type: "organization" },
      { text: "Jane", type: "person" },
      { text: "acme", type: "organization" },
      { text: "Q3", type: "date" },
      { text: " ", type: "person" },
    ]);
    expect(groups.map((g) => [g.label, g.items.map((i) => `${i.text}×${i.count}`)])).toEqual([
      ["People", ["Jane×1"]],
      ["Organizations", ["Acme×2"]],
      ["Places", ["Berlin×1"]],
      ["Date", ["Q3×1"]],
    ]);
  });
});
