// Tests of the "Add agent" and "New task" form checks: what is sent, and the errors beside the fields.
import { describe, expect, it } from "vitest";
import { checkAgent } from "./add-agent-dialog";
import { capabilityDraft } from "./capability-rows";
import { checkTask } from "./new-task-dialog";

describe("checkAgent", () => {
  it("sends a trimmed agent with the route's defaults", () => {
    const result = checkAgent({ name: "  Scout ", type: "", capabilities: [capabilityDraft("Analysis", "0.7")] });
    expect(result).toEqual({ ok: true, body: { name: "Scout", type: "custom", capabilities: [{ name: "analysis", proficiency: 0.7, learning_rate: 0.2 }] } });
  });

  it("names each problem beside its field", () => {
    const result = checkAgent({
      name: " ",
      type: "x",
      capabilities: [capabilityDraft("summarization", "1.5"), capabilityDraft("summarization", ""), capabilityDraft("9bad", "0.5")],
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toMatchObject({
      name: "Name is required",
      "capabilities.0.level": "Proficiency must be between 0 and 1",
      "capabilities.1.level": "Proficiency must be a number from 0 to 1",
      "capabilities.1.name": "Also named in row 1",
      "capabilities.2.name": "Name must be 1-40 characters of a-z 0-9 _, starting with a letter",
    });
  });

  it("asks for at least one capability", () => {
    const result = checkAgent({ name: "Scout", type: "", capabilities: [] });
    expect(!result.ok && result.errors.capabilities).toBe("An agent needs at least one capability");
  });
});

describe("checkTask", () => {
  it("sends the task with its required capabilities, or none to use the type's default", () => {
    expect(
      checkTask({ description: " Summarise this ", type: "summarization", priority: "7", capabilities: [capabilityDraft("summarization", "0.6")], capabilitiesEdited: true }),
    ).toEqual({
      ok: true,
      body: { description: "Summarise this", type: "summarization", priority: 7, required_capabilities: [{ name: "summarization", min_proficiency: 0.6 }] },
    });
    const bare = checkTask({ description: "x", type: "text_extraction", priority: "0", capabilities: [], capabilitiesEdited: true });
    expect(bare.ok && bare.body.required_capabilities).toBeUndefined();
  });

  it("names each problem beside its field", () => {
    const result = checkTask({ description: "", type: "analysis" as never, priority: "11", capabilities: [capabilityDraft("", "0.5")], capabilitiesEdited: true });
    expect(!result.ok && result.errors).toMatchObject({
      description: "Description is required",
      type: expect.stringContaining("must be one of"),
      priority: "Priority must be 0-10",
      "required_capabilities.0.name": expect.stringMatching(/^Name must be/),
    });
    const fraction = checkTask({ description: "x", type: "summarization", priority: "2.5", capabilities: [], capabilitiesEdited: false });
    expect(!fraction.ok && fraction.errors.priority).toBe("Priority must be a whole number from 0 to 10");
  });
});
