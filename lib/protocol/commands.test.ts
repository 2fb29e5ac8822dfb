// Tests of client-to-server messages: the examples of PROTOCOL.md and what must be refused.
import { describe, expect, it } from "vitest";
import { MAX_TOPICS_PER_REQUEST, clientMessage } from "./commands";

describe("clientMessage", () => {
  it.each([
    [{ type: "subscribe", ref: "r1", topics: ["jobs", "market:AAPL", "dag-runs:*"], since: "1700000000123-0" }],
    [{ type: "subscribe", topics: ["*"] }],
    [{ type: "unsubscribe", ref: "r2", topics: ["market:AAPL"] }],
    [{ type: "ping", ref: "r3" }],
    [{ type: "ping" }],
    [{ type: "auth", token: "sk_live_abc" }],
  ])("accepts %j", (msg) => {
    const result = clientMessage.safeParse(msg);
    expect(result.success).toBe(true);
    expect(result.data).toEqual(msg);
  });

  it("strips unknown keys", () => {
    expect(clientMessage.parse({ type: "ping", ref: "r", extra: 1 })).toEqual({ type: "ping", ref: "r" });
  });

  it.each([
    ["no type", { topics: ["jobs"] }, ["type"]],
    ["an unknown type", { type: "publish", topics: ["jobs"] }, ["type"]],
    ["subscribe without topics", { type: "subscribe" }, ["topics"]],
    ["subscribe with an empty list", { type: "subscribe", topics: [] }, ["topics"]],
    ["subscribe with a string", { type: "subscribe", topics: "jobs" }, ["topics"]],
    ["subscribe with an empty topic", { type: "subscribe", topics: [""] }, ["topics", 0]],
    ["too many topics", { type: "subscribe", topics: Array.from({ length: MAX_TOPICS_PER_REQUEST + 1 }, (_, i) => `jobs:${i}`) }, ["topics"]],
    ["an empty since", { type: "subscribe", topics: ["jobs"], since: "" }, ["since"]],
    ["a numeric since", { type: "subscribe", topics: ["jobs"], since: 17 }, ["since"]],
    ["a long ref", { type: "ping", ref: "r".repeat(65) }, ["ref"]],
    ["an empty ref", { type: "ping", ref: "" }, ["ref"]],
    ["auth without token", { type: "auth" }, ["token"]],
    ["auth with an empty token", { type: "auth", token: "" }, ["token"]],
    ["a huge token", { type: "auth", token: "t".repeat(513) }, ["token"]],
  ])("refuses %s", (_name, msg, path) => {
    const result = clientMessage.safeParse(msg);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path)).toContainEqual(path);
  });

  it("accepts exactly MAX_TOPICS_PER_REQUEST topics", () => {
    const topics = Array.from({ length: MAX_TOPICS_PER_REQUEST }, (_, i) => `jobs:${i}`);
    expect(clientMessage.safeParse({ type: "subscribe", topics }).success).toBe(true);
  });
});
