// Tests of the shared formatters in lib/utils.
import { describe, expect, it } from "vitest";

import { cn, formatBytes, formatDuration, formatLatency, formatNumber, formatRelativeTime } from "./utils";

describe("cn", () => {
  it("merges conflicting Tailwind classes, last wins", () => {
    const hidden = false;
    expect(cn("px-2 text-sm", hidden && "hidden", "px-4")).toBe("text-sm px-4");
  });
});

describe("formatters", () => {
  it("formats numbers", () => {
    expect(formatNumber(1234567)).toBe("1,234,567");
    expect(formatNumber(1234567, { compact: true })).toBe("1.2M");
    expect(formatNumber(Number.NaN)).toBe("–");
  });
  it("formats bytes", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(1024 ** 3)).toBe("1 GB");
  });
  it("formats durations with the two largest units", () => {
    expect(formatDuration(0)).toBe("0s");
    expect(formatDuration(45)).toBe("45s");
    expect(formatDuration(3725)).toBe("1h 2m");
    expect(formatDuration(90_061)).toBe("1d 1h");
    expect(formatDuration(3600)).toBe("1h");
  });
  it("formats latency", () => {
    expect(formatLatency(0.421)).toBe("0.42 ms");
    expect(formatLatency(12.3)).toBe("12 ms");
    expect(formatLatency(1530)).toBe("1.53 s");
  });
  it("formats relative time", () => {
    const now = 1_700_000_000_000;
    expect(formatRelativeTime(now, now)).toBe("just now");
    expect(formatRelativeTime(now - 3_000, now)).toBe("3 s ago");
    expect(formatRelativeTime(now - 5 * 60_000, now)).toBe("5 min ago");
    expect(formatRelativeTime(now - 2 * 3_600_000, now)).toBe("2 h ago");
    expect(formatRelativeTime(now + 4 * 60_000, now)).toBe("in 4 min");
    expect(formatRelativeTime(new Date(now - 3_000).toISOString(), now)).toBe("3 s ago");
  });
});
