// Tests of server-to-client control messages and the event envelope.
import { describe, expect, it } from "vitest";
import { controlMessage, eventEnvelope, isControlType } from "./control";

const ts = "2026-11-22T10:00:00.000Z";

describe("controlMessage", () => {
  it.each([
    { type: "connected", ts, data: { client_id: "c1", user: { id: "u1", email: "a@b.c", role: "admin" }, epoch: "e1", server_time: ts, heartbeat_ms: 15000 } },
    { type: "connected", ts, data: { client_id: "c1", user: null, epoch: "e1", server_time: ts, heartbeat_ms: 15000 } },
    { type: "subscribed", ts, data: { ref: "r1", topics: ["jobs"], replayed: 3 } },
    { type: "unsubscribed", ts, data: { topics: ["jobs"] } },
    { type: "resync", ts, data: { topics: ["jobs"], reason: "since is from another epoch" } },
    { type: "pong", ts, data: { ref: "r3" } },
    { type: "heartbeat", ts, data: { ts } },
    { type: "error", ts, data: { ref: "r1", code: "forbidden_topic", message: "admin", details: { topics: ["admin"] } } },
  ])("accepts $type", (msg) => {
    expect(controlMessage.safeParse(msg).success).toBe(true);
    expect(isControlType(msg.type)).toBe(true);
  });

  it.each([
    { type: "error", ts, data: { code: "oops", message: "x" } },
    { type: "subscribed", ts, data: { topics: ["jobs"], replayed: -1 } },
    { type: "connected", ts, data: { client_id: "c1", user: null, epoch: "e1", server_time: ts, heartbeat_ms: 0 } },
    { type: "processing_job_status", ts, data: {} },
  ])("refuses %j", (msg) => {
    expect(controlMessage.safeParse(msg).success).toBe(false);
  });

  it("tells control types from event types", () => {
    expect(isControlType("processing_job_status")).toBe(false);
    expect(isControlType("subscribe")).toBe(false);
  });
});

describe("eventEnvelope", () => {
  it("requires type, topic, ts and data key shape", () => {
    expect(eventEnvelope.safeParse({ type: "x", topic: "jobs", ts, data: {} }).success).toBe(true);
    expect(eventEnvelope.safeParse({ type: "x", ts, data: {} }).success).toBe(false);
    expect(eventEnvelope.safeParse({ type: "", topic: "jobs", ts, data: {} }).success).toBe(false);
  });
});
