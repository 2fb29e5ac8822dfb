// The in-process bus: ids, replay after a known id, resync cases, latest values, bounded log.
import { describe, expect, it } from "vitest";
import { createMemoryBus } from "./memory-bus";
import { compareEventIds, parseEventId } from "./event-id";

const durable = (topic: string, n: number) => ({ type: "processing_job_status", topic, data: { n }, ephemeral: false });

describe("memory bus", () => {
  it("gives durable events strictly increasing ids even within one millisecond", async () => {
    const bus = createMemoryBus({ now: () => 1000 });
    const events = await bus.publishMany([durable("jobs", 1), durable("jobs", 2), durable("jobs", 3)]);
    const ids = events.map((e) => parseEventId(e.id!)!);
    expect(compareEventIds(ids[0]!, ids[1]!)).toBeLessThan(0);
    expect(compareEventIds(ids[1]!, ids[2]!)).toBeLessThan(0);
  });

  it("delivers every event to subscribers in publish order and stops after teardown", async () => {
    const bus = createMemoryBus();
    const seen: unknown[] = [];
    const stop = bus.subscribe((e) => seen.push(e.data));
    await bus.publish(durable("jobs", 1));
    await bus.publish({ type: "market_data", topic: "market:AAPL", data: { p: 1 }, ephemeral: true });
    stop();
    await bus.publish(durable("jobs", 2));
    expect(seen).toEqual([{ n: 1 }, { p: 1 }]);
  });

  it("replays the filtered durable events after a known id, and nothing ephemeral", async () => {
    const bus = createMemoryBus();
    const first = await bus.publish(durable("jobs", 1));
    await bus.publish(durable("agents", 2));
    await bus.publish({ type: "market_data", topic: "market:AAPL", data: {}, ephemeral: true });
    await bus.publish(durable("jobs", 3));
    const result = await bus.replay((t) => t === "jobs", first.id!);
    expect(result).toEqual({ ok: true, events: [expect.objectContaining({ data: { n: 3 } })] });
  });

  it("refuses to replay from an id it never issued (another epoch) or one it evicted", async () => {
    const bus = createMemoryBus({ logSize: 3 });
    const events = await bus.publishMany([1, 2, 3, 4, 5].map((n) => durable("jobs", n)));
    expect(await bus.replay(() => true, "1-0")).toEqual({ ok: false, reason: "too_old" });
    expect(await bus.replay(() => true, "99999999999999-0")).toEqual({ ok: false, reason: "unknown_id" });
    expect(await bus.replay(() => true, "garbage")).toEqual({ ok: false, reason: "unknown_id" });
    expect(await bus.replay(() => true, events[0]!.id!)).toEqual({ ok: false, reason: "too_old" });
    // The newest evicted id is still a valid resume point: everything after it is in the log.
    const fromEvicted = await bus.replay(() => true, events[1]!.id!);
    expect(fromEvicted.ok && fromEvicted.events.map((e) => e.data)).toEqual([{ n: 3 }, { n: 4 }, { n: 5 }]);
    expect(bus.stats().log_size).toBe(3);
  });

  it("keeps only the latest ephemeral value per topic and type", async () => {
    const bus = createMemoryBus();
    await bus.publish({ type: "market_data", topic: "market:AAPL", data: { p: 1 }, ephemeral: true });
    await bus.publish({ type: "market_data", topic: "market:AAPL", data: { p: 2 }, ephemeral: true });
    await bus.publish({ type: "stock_news", topic: "news:AAPL", data: { t: "x" }, ephemeral: true });
    const latest = await bus.latest((t) => t.startsWith("market:"));
    expect(latest.map((e) => e.data)).toEqual([{ p: 2 }]);
    expect(latest[0]!.id).toBeUndefined();
  });

  it("has a different epoch in every instance", () => {
    expect(createMemoryBus().epoch()).not.toBe(createMemoryBus().epoch());
  });
});
