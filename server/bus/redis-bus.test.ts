// The Redis bus against a real Redis (TEST_REDIS_URL): two instances on one prefix stand for two
// servers. Ordering, consecutive ids, replay and its resync reasons, ephemeral values, control
// messages, the shared epoch, and a Redis restart on a private redis-server. Leaves no keys behind.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Bus, BusEvent, ControlMessage, PublishInput } from "./bus";
import { compareEventIds, parseEventId } from "./event-id";
import { createRedisBus } from "./redis-bus";
import { eventually, freePort } from "../testing/instance-process";
import { redisKeys, redisServer, type RedisServer } from "../testing/redis-server";

const redisUrl = process.env.TEST_REDIS_URL;
const runPrefix = `sbtest:${process.pid}:`;
const silent = pino({ level: "silent" });

const durable = (topic: string, n: number): PublishInput => ({ type: "processing_job_status", topic, data: { n }, ephemeral: false });
const ephemeral = (topic: string, type: string, data: unknown): PublishInput => ({ type, topic, data, ephemeral: true });

function record(bus: Bus): BusEvent[] {
  const seen: BusEvent[] = [];
  bus.subscribe((event) => seen.push(event));
  return seen;
}

function expectIncreasing(ids: string[]): void {
  for (let i = 1; i < ids.length; i++) {
    expect(compareEventIds(parseEventId(ids[i - 1]!)!, parseEventId(ids[i]!)!), `${ids[i - 1]} < ${ids[i]}`).toBeLessThan(0);
  }
}

describe.skipIf(!redisUrl)("redis bus", () => {
  let admin: Redis;
  const buses: Bus[] = [];
  const prefixes: string[] = [];

  async function open(prefix: string, logSize?: number): Promise<Bus> {
    const bus = await createRedisBus({ url: redisUrl!, prefix, log: silent, ...(logSize === undefined ? {} : { logSize }) });
    buses.push(bus);
    return bus;
  }

  /** A prefix of its own for one test; its keys are deleted after the test. */
  function freshPrefix(): string {
    const prefix = `${runPrefix}${randomUUID()}:`;
    prefixes.push(prefix);
    return prefix;
  }

  /** Two servers on one fresh prefix. */
  async function pair(logSize?: number): Promise<[Bus, Bus, string]> {
    const prefix = freshPrefix();
    return [await open(prefix, logSize), await open(prefix, logSize), prefix];
  }

  beforeAll(() => {
    admin = new Redis(redisUrl!);
  });

  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
    for (const prefix of prefixes.splice(0)) {
      const keys = await redisKeys(admin, `${prefix}*`);
      if (keys.length > 0) await admin.del(...keys);
    }
  });

  afterAll(async () => {
    expect(await redisKeys(admin, `${runPrefix}*`)).toEqual([]);
    await admin.quit();
  });

  it("delivers events published from both instances to both, in one order, with the ids publish() resolved with", async () => {
    const [a, b] = await pair();
    const seenA = record(a);
    const seenB = record(b);

    const published: BusEvent[] = [];
    for (let i = 0; i < 20; i++) published.push(await (i % 2 === 0 ? a : b).publish(durable("jobs", i)));
    await eventually(() => seenA.length === 20 && seenB.length === 20, 5_000, "20 events on both");
    expect(seenA).toEqual(published);
    expect(seenB).toEqual(published);
    expectIncreasing(published.map((e) => e.id!));

    // Concurrent publishes from both: whatever the interleaving, both instances see the same one.
    const racing = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? a : b).publish(durable("agents", i))));
    await eventually(() => seenA.length === 80 && seenB.length === 80, 5_000, "80 events on both");
    expect(seenB.map((e) => e.id)).toEqual(seenA.map((e) => e.id));
    expectIncreasing(seenA.map((e) => e.id!));
    expect(new Set(seenA.slice(20).map((e) => e.id))).toEqual(new Set(racing.map((e) => e.id)));
  });

  it("gives a publishMany consecutive ids in order, even while the other instance publishes", async () => {
    const [a, b, prefix] = await pair();
    const seenB = record(b);
    const other = Promise.all(Array.from({ length: 30 }, (_, i) => b.publish(durable("agents", i))));
    const batch = await a.publishMany(Array.from({ length: 50 }, (_, i) => durable("jobs", i)));
    await other;
    expect(batch.map((e) => e.data)).toEqual(Array.from({ length: 50 }, (_, i) => ({ n: i })));
    expectIncreasing(batch.map((e) => e.id!));
    // Nothing between the first and the last id of the batch but the batch itself.
    const between = await admin.xrange(`${prefix}events`, batch[0]!.id!, batch[49]!.id!);
    expect(between.map(([id]) => id)).toEqual(batch.map((e) => e.id));
    await eventually(() => seenB.length === 80, 5_000, "80 events on b");
    const at = seenB.findIndex((e) => e.id === batch[0]!.id);
    expect(seenB.slice(at, at + 50)).toEqual(batch);

    // A mix keeps input order: durable ones get ids, ephemeral ones none.
    const mixed = await a.publishMany([durable("jobs", 100), ephemeral("market:AAPL", "market_data", { p: 1 }), durable("jobs", 101)]);
    expect(mixed.map((e) => e.data)).toEqual([{ n: 100 }, { p: 1 }, { n: 101 }]);
    expect(mixed[1]!.id).toBeUndefined();
    expectIncreasing([mixed[0]!.id!, mixed[2]!.id!]);
  });

  it("replays on one instance what the other published, filtered, and says why it cannot", async () => {
    const [a, b, prefix] = await pair();
    const seenB = record(b);
    const first = await a.publish(durable("jobs", 1));
    await a.publish(durable("agents", 2));
    await b.publish(ephemeral("market:AAPL", "market_data", { p: 1 }));
    const third = await b.publish(durable("jobs", 3));
    const doomed = await a.publish(durable("jobs", 4));
    const last = await a.publish(durable("jobs", 5));
    await eventually(() => seenB.some((e) => e.id === last.id), 5_000, "the last event on b");

    const replayed = await b.replay((t) => t === "jobs", first.id!);
    expect(replayed).toEqual({ ok: true, events: [third, doomed, last] });
    expect(await b.replay(() => true, last.id!)).toEqual({ ok: true, events: [] });

    // An id inside the stream's range that it does not hold (deleted here) is unknown; so is one
    // newer than anything published, and one that is not an id at all.
    await admin.xdel(`${prefix}events`, doomed.id!);
    expect(await b.replay(() => true, doomed.id!)).toEqual({ ok: false, reason: "unknown_id" });
    const newest = parseEventId(last.id!)!;
    expect(await b.replay(() => true, `${newest.ms + 3_600_000}-0`)).toEqual({ ok: false, reason: "unknown_id" });
    expect(await b.replay(() => true, "garbage")).toEqual({ ok: false, reason: "unknown_id" });
    // An id older than the oldest entry could have been trimmed: too old (Redis cannot tell which).
    expect(await b.replay(() => true, "9-9")).toEqual({ ok: false, reason: "too_old" });
  });

  it("answers too_old for an id trimmed out of the stream and still replays from a recent one", async () => {
    const [a, b] = await pair(10);
    const seenB = record(b);
    const all: BusEvent[] = [];
    for (let i = 0; i < 10; i++) all.push(...(await a.publishMany(Array.from({ length: 20 }, (_, j) => durable("jobs", i * 20 + j)))));
    // B's reader may not see every one of them: what is trimmed before it reads is gone for it too.
    await eventually(() => seenB.some((e) => e.id === all[199]!.id), 5_000, "the last event on b");
    expect(await b.replay(() => true, all[0]!.id!)).toEqual({ ok: false, reason: "too_old" });
    const fromRecent = await b.replay(() => true, all[195]!.id!);
    expect(fromRecent).toEqual({ ok: true, events: all.slice(196) });
    // MAXLEN ~ trims whole stream nodes: the log holds about logSize entries, never all 200.
    await eventually(() => b.stats().newest_id === all[199]!.id, 5_000, "refreshed stats");
    expect(b.stats().log_size).toBeGreaterThanOrEqual(10);
    expect(b.stats().log_size).toBeLessThan(200);
    expect(b.stats().log_capacity).toBe(10);
  });

  it("says so when the log was trimmed past events it had not delivered yet, and never while it keeps up", async () => {
    const [a, b] = await pair(50);
    const gaps: string[] = [];
    b.onGap(() => gaps.push(b.stats().newest_id ?? ""));
    const seenB = record(b);
    // Batches smaller than the log, each read before the next: trimmed, but never past b's reader.
    for (let round = 1; round <= 5; round++) {
      await a.publishMany(Array.from({ length: 40 }, (_, j) => durable("jobs", round * 100 + j)));
      await eventually(() => seenB.length === round * 40, 5_000, `round ${round} on b`);
    }
    expect(gaps).toEqual([]);

    // One burst of four logs' worth is trimmed within the publish itself, before any reader gets to it.
    const burst = await a.publishMany(Array.from({ length: 200 }, (_, j) => durable("jobs", 1_000 + j)));
    await eventually(() => seenB.at(-1)?.id === burst.at(-1)!.id, 5_000, "the burst's last event on b");
    expect(gaps).toHaveLength(1);
    const delivered = seenB.slice(200);
    expect(delivered.length).toBeLessThan(200);
    expect(delivered.map((e) => e.id)).toEqual(burst.slice(200 - delivered.length).map((e) => e.id));

    // Caught up again: the next events follow on without another gap.
    const after = await a.publish(durable("jobs", 9_999));
    await eventually(() => seenB.at(-1)?.id === after.id, 5_000, "the next event on b");
    expect(gaps).toHaveLength(1);
  });

  it("never replays past what the instance has delivered live", async () => {
    const [a, b] = await pair();
    const seenB = record(b);
    const first = await a.publish(durable("jobs", 0));
    await eventually(() => seenB.length === 1, 5_000, "the first event on b");
    const publishing = Promise.all(Array.from({ length: 200 }, (_, i) => a.publish(durable("jobs", i + 1))));
    let checks = 0;
    while (checks < 20) {
      // Taken in the same tick as the replay starts: exactly these are what replay may return.
      const delivered = seenB.slice(1);
      const result = await b.replay(() => true, first.id!);
      expect(result).toEqual({ ok: true, events: delivered });
      checks += 1;
    }
    await publishing;
  });

  it("delivers ephemeral events to both, keeps the latest per (topic, type) and never replays them", async () => {
    const [a, b] = await pair();
    const seenA = record(a);
    const seenB = record(b);
    const start = await a.publish(durable("jobs", 1));
    await a.publish(ephemeral("market:AAPL", "market_data", { p: 1 }));
    await b.publish(ephemeral("market:AAPL", "market_data", { p: 2 }));
    await a.publish(ephemeral("market:AAPL", "stock_news", { t: "x" }));
    const news = await b.publish(ephemeral("news:AAPL", "stock_news", { t: "y" }));
    expect(news.id).toBeUndefined();
    await eventually(() => seenA.length === 5 && seenB.length === 5, 5_000, "5 events on both");
    for (const seen of [seenA, seenB]) {
      expect(seen.filter((e) => e.id === undefined).map((e) => e.data)).toEqual([{ p: 1 }, { p: 2 }, { t: "x" }, { t: "y" }]);
    }

    const latest = await b.latest((t) => t.startsWith("market:"));
    const byType = Object.fromEntries(latest.map((e) => [e.type, e]));
    expect(latest).toHaveLength(2);
    expect(byType.market_data?.data).toEqual({ p: 2 });
    expect(byType.stock_news?.data).toEqual({ t: "x" });
    expect(latest.every((e) => e.id === undefined)).toBe(true);
    expect((await a.latest(() => true)).length).toBe(3);

    expect(await b.replay(() => true, start.id!)).toEqual({ ok: true, events: [] });
    await eventually(() => a.stats().latest_values === 3, 5_000, "refreshed stats");
    expect(a.stats().published).toBe(3);
    expect(b.stats().published).toBe(2);
  });

  it("sends control messages to every instance, the sender included", async () => {
    const [a, b] = await pair();
    const gotA: ControlMessage[] = [];
    const gotB: ControlMessage[] = [];
    a.onControl((m) => gotA.push(m));
    b.onControl((m) => gotB.push(m));
    const fromA: ControlMessage = { kind: "close_sockets", from: "server-a", data: { user: "u1" } };
    const fromB: ControlMessage = { kind: "drop_cache", from: "server-b", data: null };
    await a.sendControl(fromA);
    await b.sendControl(fromB);
    await eventually(() => gotA.length === 2 && gotB.length === 2, 5_000, "2 control messages on both");
    for (const got of [gotA, gotB]) expect(got).toEqual(expect.arrayContaining([fromA, fromB]));
  });

  it("shares one epoch between instances, and a new one once the data is gone", async () => {
    const [a, b, prefix] = await pair();
    const other = await open(freshPrefix());
    const before = a.epoch();
    expect(before).toMatch(/^[0-9a-f]{12}$/);
    expect(b.epoch()).toBe(before);
    expect(other.epoch()).not.toBe(before);
    expect(a.stats()).toMatchObject({ kind: "redis", epoch: before, log_capacity: 10_000, connected: true });

    const old = await a.publish(durable("jobs", 1));
    const changesB: string[] = [];
    b.onEpochChange((epoch) => changesB.push(epoch));
    const seenB = record(b);
    // Redis losing its data: the next publish starts a new epoch, and the other instance follows.
    await admin.del(`${prefix}events`, `${prefix}epoch`);
    const fresh = await a.publish(durable("jobs", 2));
    expect(a.epoch()).not.toBe(before);
    await eventually(() => seenB.some((e) => e.id === fresh.id), 5_000, "the new event on b");
    expect(b.epoch()).toBe(a.epoch());
    expect(changesB).toEqual([a.epoch()]);
    expect((await b.replay(() => true, old.id!)).ok).toBe(false);
  });

  it("issues ids after the lost stream's even when it is recreated in the millisecond it was lost", async () => {
    // With `*` ids only, a recreated stream's first id often equals one the lost stream issued in
    // the same millisecond, and a client's `since` from the old epoch would be replayed from as held.
    // Each round loses a stream that was itself created moments before, usually in that millisecond.
    const [a, , prefix] = await pair();
    for (let round = 0; round < 40; round++) {
      await a.publishMany([durable("jobs", -1), durable("jobs", -2)]);
      const old = await a.publish(durable("jobs", round));
      await admin.del(`${prefix}events`, `${prefix}epoch`);
      const fresh = await a.publish(durable("jobs", round));
      expectIncreasing([old.id!, fresh.id!]);
      expect((await a.replay(() => true, old.id!)).ok, `round ${round}`).toBe(false);
    }
  });

  it("rejects with a clear error when Redis cannot be reached at startup, without the URL", async () => {
    const port = await freePort();
    const started = Date.now();
    const error = await createRedisBus({ url: `redis://:hunter2secret@127.0.0.1:${port}`, prefix: `${runPrefix}x:`, log: silent }).then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(error?.message).toMatch(/could not reach Redis within 5 s/);
    expect(error?.message).not.toContain("hunter2secret");
    expect(Date.now() - started).toBeLessThan(8_000);
  }, 15_000);

  describe("when Redis restarts and loses its data", () => {
    const password = `pw-${randomUUID()}`;
    let server: RedisServer;

    beforeAll(async () => {
      server = await redisServer({ password });
    });

    afterAll(async () => {
      await server?.kill();
    });

    it("reports the outage, reconnects, moves both instances to one new epoch, and keeps the secret out of the logs", async () => {
      const lines: string[] = [];
      const log = pino({ level: "debug" }, { write: (line: string) => void lines.push(line) });
      const url = server.url;
      const prefix = `${runPrefix}${randomUUID()}:`;
      const a = await createRedisBus({ url, prefix, log });
      buses.push(a);
      const b = await createRedisBus({ url, prefix, log });
      buses.push(b);
      const before = a.epoch();
      expect(b.epoch()).toBe(before);

      const states: Record<"a" | "b", boolean[]> = { a: [], b: [] };
      const epochs: Record<"a" | "b", string[]> = { a: [], b: [] };
      const seen: Record<"a" | "b", BusEvent[]> = { a: record(a), b: record(b) };
      for (const [name, bus] of [["a", a], ["b", b]] as const) {
        bus.onConnectionChange((up) => states[name].push(up));
        bus.onEpochChange((epoch) => epochs[name].push(epoch));
      }
      const old = await a.publish(durable("jobs", 1));
      await eventually(() => seen.b.length === 1, 5_000, "the first event on b");

      await server.kill();
      await eventually(() => states.a.includes(false) && states.b.includes(false), 10_000, "both to report the outage");
      expect(a.stats().connected).toBe(false);
      expect(b.stats().connected).toBe(false);
      expect(states).toEqual({ a: [false], b: [false] });
      // Published while Redis is away: sent once it is back.
      const queued = b.publish(durable("jobs", 2));

      await server.start();
      await eventually(() => a.stats().connected && b.stats().connected, 15_000, "both to reconnect");
      expect(states).toEqual({ a: [false, true], b: [false, true] });
      const during = await queued;

      const after = a.epoch();
      expect(after).not.toBe(before);
      expect(b.epoch()).toBe(after);
      expect(epochs).toEqual({ a: [after], b: [after] });

      const fresh = await a.publish(durable("jobs", 3));
      await eventually(() => [seen.a, seen.b].every((s) => s.some((e) => e.id === fresh.id)), 5_000, "the new event on both");
      for (const s of [seen.a, seen.b]) expect(s.map((e) => e.id)).toEqual([old.id, during.id, fresh.id]);
      expect((await a.replay(() => true, old.id!)).ok).toBe(false);
      expect((await b.replay(() => true, old.id!)).ok).toBe(false);
      expect(await b.replay(() => true, during.id!)).toEqual({ ok: true, events: [fresh] });

      const text = lines.join("");
      expect(text).toContain("lost the connection");
      expect(text).not.toContain(password);
    }, 40_000);
  });
});
