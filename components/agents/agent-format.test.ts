// Tests of the agents page's words: performance figures without history, activity sentences, field errors.
import { describe, expect, it } from "vitest";
import { makeAgent } from "@/lib/realtime/testing/fixtures";
import type { AgentFeedEntry } from "@/lib/query/hooks/use-agents";
import { describeActivity, fieldErrors, fieldMessage, formatPercent, performanceFigures, taskTypeLabel } from "./agent-format";

describe("performanceFigures", () => {
  it("shows — for rates and times until the agent finished a task", () => {
    expect(performanceFigures({ tasks_completed: 0, success_rate: 0, average_processing_time: 0, average_response_time_ms: 0 })).toEqual({
      completed: "0",
      successRate: "—",
      averageTime: "—",
    });
    expect(performanceFigures({ tasks_completed: 12, success_rate: 0.917, average_processing_time: 1530, average_response_time_ms: 20 })).toEqual({
      completed: "12",
      successRate: "92%",
      averageTime: "1.53 s",
    });
  });
});

describe("labels", () => {
  it("uses the catalog's task type labels and humanises others", () => {
    expect(taskTypeLabel("insight_extraction")).toBe("Analysis");
    expect(taskTypeLabel("custom_thing")).toBe("Custom thing");
    expect(formatPercent(1.4)).toBe("100%");
  });
});

describe("describeActivity", () => {
  const nameOf = (id: string) => (id === "a1" ? "Scout" : id);
  const entry = (type: AgentFeedEntry["type"], data: unknown) => ({ id: "1-0", topic: "agents", ts: "2026-01-01T00:00:00.000Z", type, data }) as AgentFeedEntry;

  it("says who did what", () => {
    expect(describeActivity(entry("agent_task_completed", { agent_id: "a1", task_id: "t", job_id: null, task_type: "summarization", duration: 1200, result: null }), nameOf)).toEqual({
      text: "Scout completed a summarization task",
      detail: "in 1.20 s",
      tone: "success",
    });
    expect(
      describeActivity(
        entry("learning_cycle_completed", { cycle_id: "c", agent_id: "a1", improvements: { entity_recognition: { old_value: 0.6, new_value: 0.66, improvement: 0.06 } }, duration_ms: 5 }),
        nameOf,
      ),
    ).toMatchObject({ text: "Scout finished a learning cycle", detail: "entity recognition 60% → 66%", tone: "learning" });
    expect(
      describeActivity(entry("agent_status_changed", { ...makeAgent({ agent_id: "a1", name: "Scout", status: "paused" }), old_status: "working", new_status: "paused", reason: "paused by admin" }), nameOf),
    ).toMatchObject({ text: "Scout is now paused", detail: "paused by admin" });
    expect(describeActivity(entry("agent_task_completed", { agent_id: "a1", task_id: "t", job_id: null, task_type: "entity_extraction", duration: 5, result: null }), nameOf).text).toBe(
      "Scout completed an entity extraction task",
    );
    expect(describeActivity(entry("agent_removed", { agent_id: "gone", reason: null }), nameOf).text).toBe("gone was removed");
  });
});

describe("fieldErrors and fieldMessage", () => {
  it("keeps the first message per path, joining array paths", () => {
    expect(fieldErrors([{ path: ["capabilities", 0, "name"], message: "a" }, { path: "capabilities.0.name", message: "b" }, { path: "name", message: "c" }])).toEqual({
      "capabilities.0.name": "a",
      name: "c",
    });
  });

  it("puts the field's label before a predicate, and keeps sentences", () => {
    expect(fieldMessage("Name", "is required")).toBe("Name is required");
    expect(fieldMessage("Proficiency", "must be between 0 and 1.")).toBe("Proficiency must be between 0 and 1");
    expect(fieldMessage("Capabilities", "an agent needs at least one capability")).toBe("An agent needs at least one capability");
  });
});
