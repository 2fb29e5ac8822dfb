// Tests of the step timeline: each step's state from status and current_step, and timings seen from pushes.
import { describe, expect, it } from "vitest";
import { iso, makeJob, T0 } from "@/lib/realtime/testing/fixtures";
import { deriveSteps, observeStepTimings, reachedStepIndex, stepLabel, type StepTimings } from "./job-steps";

const states = (job: Parameters<typeof deriveSteps>[0]) => deriveSteps(job).map((s) => s.state);
const job = (o: Parameters<typeof makeJob>[0] extends infer J ? Partial<J> : never) => makeJob({ job_id: "j1", ...o });

describe("deriveSteps", () => {
  it("a queued job has every step pending", () => {
    expect(states(job({ status: "queued" }))).toEqual(["pending", "pending", "pending", "pending"]);
  });

  it("a processing job: steps before the current one are done, the rest pending", () => {
    expect(states(job({ status: "processing", current_step: "entity_extraction", progress: 60, started_at: iso(1) }))).toEqual([
      "done",
      "done",
      "current",
      "pending",
    ]);
    // Just started, no step named yet: the first step is the current one.
    expect(states(job({ status: "processing", current_step: null, progress: 0 }))).toEqual(["current", "pending", "pending", "pending"]);
  });

  it("a completed job has every step done", () => {
    expect(states(job({ status: "completed", progress: 100, current_step: null }))).toEqual(["done", "done", "done", "done"]);
  });

  it("a failed job fails at the step it was on (named, or from its progress), after the done ones", () => {
    expect(states(job({ status: "failed", current_step: "summarization", started_at: iso(1) }))).toEqual(["done", "failed", "pending", "pending"]);
    expect(states(job({ status: "failed", current_step: null, progress: 55, started_at: iso(1) }))).toEqual(["done", "done", "failed", "pending"]);
    // Failed before it started (e.g. an unsupported file): the first step failed.
    expect(states(job({ status: "failed", current_step: null, progress: 0, started_at: null }))).toEqual(["failed", "pending", "pending", "pending"]);
  });

  it("a cancelled job stops at its step, or never started", () => {
    expect(states(job({ status: "cancelled", current_step: "insight_extraction", started_at: iso(1) }))).toEqual([
      "done",
      "done",
      "done",
      "cancelled",
    ]);
    expect(states(job({ status: "cancelled", current_step: null, progress: 0, started_at: null }))).toEqual(["pending", "pending", "pending", "pending"]);
  });

  it("gives durations of finished steps and the running time of the current one", () => {
    const timings: StepTimings = { text_extraction: { start: T0, end: T0 + 1500 }, summarization: { start: T0 + 1500 } };
    const steps = deriveSteps(job({ status: "processing", current_step: "summarization", progress: 30 }), timings, T0 + 4000);
    expect(steps.map((s) => s.durationMs)).toEqual([1500, 2500, null, null]);
  });
});

describe("reachedStepIndex and stepLabel", () => {
  it("prefers the named step, and clamps progress to the last step", () => {
    expect(reachedStepIndex(job({ status: "failed", current_step: "summarization", progress: 99, started_at: iso(1) }))).toBe(1);
    expect(reachedStepIndex(job({ status: "failed", current_step: null, progress: 100, started_at: iso(1) }))).toBe(3);
    expect(reachedStepIndex(job({ status: "queued", progress: 0 }))).toBe(-1);
  });

  it("labels steps, known or not", () => {
    expect(stepLabel("entity_extraction")).toBe("Entity extraction");
    expect(stepLabel("ocr_pass")).toBe("Ocr pass");
    expect(stepLabel(null)).toBe("–");
  });
});

describe("observeStepTimings", () => {
  const processing = (step: string) => job({ status: "processing", current_step: step, started_at: iso(0) });

  it("learns nothing on the first sighting (the running step's start is unknown)", () => {
    expect(observeStepTimings({}, null, processing("summarization"), T0)).toEqual({});
  });

  it("starts a step when the job moves into it, ends it when the job moves on or finishes", () => {
    let t: StepTimings = {};
    t = observeStepTimings(t, job({ status: "queued" }), processing("text_extraction"), T0 + 100);
    expect(t.text_extraction).toEqual({ start: T0 + 100 });
    t = observeStepTimings(t, processing("text_extraction"), processing("summarization"), T0 + 2000);
    expect(t.text_extraction).toEqual({ start: T0 + 100, end: T0 + 2000 });
    expect(t.summarization).toEqual({ start: T0 + 2000 });
    t = observeStepTimings(t, processing("summarization"), job({ status: "completed", completed_at: iso(5) }), T0 + 9000);
    expect(t.summarization).toEqual({ start: T0 + 2000, end: T0 + 9000 });
  });

  it("ends a step that was running at first sight without giving it a duration", () => {
    const t = observeStepTimings({}, processing("entity_extraction"), processing("insight_extraction"), T0 + 500);
    expect(t).toEqual({ entity_extraction: { end: T0 + 500 }, insight_extraction: { start: T0 + 500 } });
    expect(deriveSteps(processing("insight_extraction"), t, T0 + 1500).map((s) => s.durationMs)).toEqual([null, null, null, 1000]);
  });

  it("returns the same object when nothing changes, and starts over on retry", () => {
    const t = observeStepTimings({}, job({ status: "queued" }), processing("summarization"), T0);
    expect(observeStepTimings(t, processing("summarization"), { ...processing("summarization"), progress: 40 }, T0 + 10)).toBe(t);
    expect(observeStepTimings(t, job({ status: "failed" }), job({ status: "queued" }), T0 + 20)).toEqual({});
  });
});
