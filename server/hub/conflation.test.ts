// Market conflation with an injected clock: at most one batch per window per target, the latest quote
// per ticker, shared serialization, targets that wait or are gone, and pruning after an unsubscribe.
import { describe, expect, it } from "vitest";
import type { Quote } from "@/lib/protocol/entities/market";
import { validateEnvelope } from "@/lib/protocol/events";
import { createMarketConflator, type ConflationTargetState } from "./conflation";

const quote = (ticker: string, price: number): Quote => ({ ticker, price, change: 0, change_percent: 0, volume: 1, timestamp: "2026-11-22T10:00:00.000Z" });

function setup() {
  let clock = 1_000_000;
  const states = new Map<string, ConflationTargetState>();
  const sent: { target: string; at: number; payload: Buffer; frame: { type: string; topic: string; ts: string; data: Quote[] } }[] = [];
  const conflator = createMarketConflator<string>({
    windowMs: 100,
    now: () => clock,
    stateOf: (t) => states.get(t) ?? "ready",
    send: (target, payload) => sent.push({ target, at: clock, payload, frame: JSON.parse(payload.toString()) }),
    check: (e) => validateEnvelope(e).ok,
  });
  let seq = 0;
  const publish = (targets: string[], q: Quote) => {
    seq += 1;
    for (const t of targets) conflator.add(t, [q], seq);
  };
  return { conflator, states, sent, publish, advance: (ms: number) => (clock += ms) };
}

describe("market conflation", () => {
  it("sends one batch per window with the latest quote of each ticker, however many arrived", () => {
    const { conflator, sent, publish, advance } = setup();
    for (let i = 0; i < 500; i++) publish(["a"], quote(i % 2 ? "AAPL" : "MSFT", 100 + i));
    expect(conflator.flush()).toBe(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.frame.type).toBe("market_data_batch");
    expect(sent[0]!.frame.topic).toBe("market:*");
    expect(sent[0]!.frame.data.map((q) => [q.ticker, q.price])).toEqual([
      ["AAPL", 599],
      ["MSFT", 598],
    ]);
    // Nothing new: nothing sent.
    advance(100);
    expect(conflator.flush()).toBe(0);
  });

  it("never sends a target two batches less than a window apart, and keeps what waits", () => {
    const { conflator, sent, publish, advance } = setup();
    publish(["a"], quote("AAPL", 1));
    conflator.flush();
    advance(60);
    publish(["a"], quote("AAPL", 2));
    expect(conflator.flush()).toBe(0);
    advance(39);
    expect(conflator.flush()).toBe(0);
    advance(1);
    expect(conflator.flush()).toBe(1);
    expect(sent.map((s) => s.at - sent[0]!.at)).toEqual([0, 100]);
    expect(sent[1]!.frame.data[0]!.price).toBe(2);
  });

  it("names the ticker's own topic when the batch holds one ticker (PROTOCOL.md's shape)", () => {
    const { conflator, sent, publish } = setup();
    publish(["a"], quote("AAPL", 1));
    conflator.flush();
    expect(sent[0]!.frame.topic).toBe("market:AAPL");
  });

  it("serializes once for every target with the same quotes, and separately for others", () => {
    const { conflator, sent, publish } = setup();
    publish(["a", "b", "c"], quote("AAPL", 1));
    publish(["a", "b"], quote("MSFT", 2));
    expect(conflator.flush()).toBe(3);
    const byTarget = Object.fromEntries(sent.map((s) => [s.target, s.payload]));
    expect(byTarget.a).toBe(byTarget.b);
    expect(byTarget.c).not.toBe(byTarget.a);
    expect(JSON.parse(byTarget.c!.toString()).data).toHaveLength(1);
  });

  it("holds quotes for a waiting target and drops those of a gone one", () => {
    const { conflator, states, sent, publish, advance } = setup();
    states.set("w", "wait");
    states.set("g", "gone");
    publish(["w", "g"], quote("AAPL", 1));
    expect(conflator.flush()).toBe(0);
    expect(conflator.waiting()).toBe(1);
    states.set("w", "ready");
    advance(100);
    expect(conflator.flush()).toBe(1);
    expect(sent[0]!.target).toBe("w");
  });

  it("forgets quotes of tickers the target no longer holds", () => {
    const { conflator, sent, publish } = setup();
    publish(["a"], quote("AAPL", 1));
    publish(["a"], quote("MSFT", 1));
    conflator.prune("a", (t) => t === "MSFT");
    conflator.flush();
    expect(sent[0]!.frame.data.map((q) => q.ticker)).toEqual(["MSFT"]);
  });

  it("sends a conflated batch that the protocol accepts", () => {
    const { conflator, sent, publish } = setup();
    publish(["a"], quote("AAPL", 1));
    publish(["a"], quote("BRK.B", 1));
    conflator.flush();
    expect(validateEnvelope(sent[0]!.frame).ok).toBe(true);
  });
});
