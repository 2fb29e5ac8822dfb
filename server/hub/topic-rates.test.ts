// Tests of the per-topic event rates: one-second buckets over the last minute, on a fake clock.
import { describe, expect, it } from "vitest";
import { TopicRates } from "./topic-rates";

describe("TopicRates", () => {
  it("counts events per second over the last minute and forgets silent topics", () => {
    let ms = 1_000_000;
    const rates = new TopicRates(() => ms);
    rates.record("jobs");
    rates.record("jobs");
    ms += 1_000;
    rates.record("jobs");
    rates.record("market:AAPL");
    const [first, aapl] = rates.figures();
    let jobs = first;
    // Seen for 2 seconds: the average is over those 2, not over a minute it did not exist for.
    expect(jobs).toMatchObject({ topic: "jobs", last_minute: 3, per_second: 3 / 2 });
    expect(jobs!.buckets).toHaveLength(60);
    expect(jobs!.buckets.slice(-2)).toEqual([2, 1]);
    expect(aapl).toMatchObject({ topic: "market:AAPL", last_minute: 1 });

    ms += 59_000; // the first second leaves the window
    [jobs] = rates.figures();
    expect(jobs).toMatchObject({ topic: "jobs", last_minute: 1, per_second: 1 / 60 });
    ms += 1_000;
    expect(rates.figures()).toEqual([]);
  });
});
