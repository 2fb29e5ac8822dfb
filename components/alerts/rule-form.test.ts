// The rule draft: valid drafts give a body; each bad field gets its own message.
import { describe, expect, it } from "vitest";
import { EMPTY_DRAFT, errorsOf, parseDraft } from "./rule-form";

describe("parseDraft", () => {
  it("gives the body of a valid draft", () => {
    const r = parseDraft({ ...EMPTY_DRAFT, name: "ZZZ drop", topic: "market:ZZZ", field: "change_percent", op: "lt", threshold: "-3", window_s: "10" });
    expect(r).toEqual({ ok: true, body: { name: "ZZZ drop", topic: "market:ZZZ", field: "change_percent", op: "lt", threshold: -3, window_s: 10, severity: "warning", enabled: true } });
  });

  it("names every bad field", () => {
    const r = parseDraft({ ...EMPTY_DRAFT, topic: "nope:x", field: "a..b", threshold: "", window_s: "0" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(["field", "name", "threshold", "topic", "window_s"]);
    expect(r.errors.threshold).toBe("is required");
    expect(r.errors.window_s).toBe("1-86400 seconds");
  });

  it("maps server issues to fields, the rest to the form", () => {
    expect(errorsOf([{ path: "topic", message: "bad" }, { path: "", message: "nothing to change" }])).toEqual({ topic: "bad", form: "nothing to change" });
  });
});
