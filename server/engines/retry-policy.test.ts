import { describe, expect, it } from "vitest";
import { decideRetry } from "./retry-policy";

const now = new Date("2026-01-01T00:00:00.000Z");
const policy = { baseDelayMs: 1_000, maxDelayMs: 5_000 };

describe("decideRetry", () => {
  it("backs off exponentially from the base delay", () => {
    const at = (attempt: number) => {
      const d = decideRetry({ attempt, maxAttempts: 10, retryable: true, now }, policy);
      return d.retry ? d.next_retry_at.getTime() - now.getTime() : null;
    };
    expect([at(1), at(2), at(3)]).toEqual([1_000, 2_000, 4_000]);
  });

  it("caps the delay", () => {
    const d = decideRetry({ attempt: 6, maxAttempts: 10, retryable: true, now }, policy);
    expect(d.retry && d.next_retry_at.getTime() - now.getTime()).toBe(5_000);
  });

  it("stops after the last attempt", () => {
    expect(decideRetry({ attempt: 3, maxAttempts: 3, retryable: true, now }, policy)).toEqual({ retry: false, why: "all 3 attempts failed" });
  });

  it("never retries a failure a retry cannot fix", () => {
    expect(decideRetry({ attempt: 1, maxAttempts: 3, retryable: false, now }, policy).retry).toBe(false);
  });
});
