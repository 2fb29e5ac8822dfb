// Who may read which topic: PROTOCOL.md's table.
import { describe, expect, it } from "vitest";
import { canRead, patternForbidden } from "./permissions";
import type { Principal } from "./principal";

const alice: Principal = { kind: "user", id: "usr_alice", email: "alice@x.io", role: "user" };
const admin: Principal = { kind: "user", id: "usr_admin", email: "admin@x.io", role: "admin" };
const key: Principal = { kind: "api_key", id: "key_1", email: "api-key:ingest", role: "user" };

describe("canRead", () => {
  it.each(["jobs", "jobs:job_1", "runs:run_1", "tasks", "agents:a1", "knowledge", "insights", "metrics", "dags:d1", "dag-runs:r1", "market:AAPL", "news:AAPL", "system", "system:alerts", "alerts"])(
    "lets any signed-in principal read %s, and nobody anonymous",
    (topic) => {
      expect(canRead(alice, topic)).toBe(true);
      expect(canRead(admin, topic)).toBe(true);
      expect(canRead(key, topic)).toBe(true);
      expect(canRead(null, topic)).toBe(false);
    },
  );

  it("keeps user topics to their user and admins", () => {
    expect(canRead(alice, "user:usr_alice")).toBe(true);
    expect(canRead(alice, "user:usr_bob")).toBe(false);
    expect(canRead(admin, "user:usr_bob")).toBe(true);
    expect(canRead(key, "user:key_1")).toBe(false);
  });

  it("keeps admin to admins and lets everyone read announcements", () => {
    expect(canRead(admin, "admin")).toBe(true);
    expect(canRead(alice, "admin")).toBe(false);
    expect(canRead(key, "admin")).toBe(false);
    expect(canRead(null, "announcements")).toBe(true);
    expect(canRead(alice, "announcements")).toBe(true);
  });

  it("refuses topics outside the protocol", () => {
    expect(canRead(admin, "secrets")).toBe(false);
    expect(canRead(admin, "jobs:")).toBe(false);
    expect(canRead(admin, "system:cpu")).toBe(false);
  });
});

describe("patternForbidden", () => {
  it("refuses exact topics the principal may not read but filters wildcards per event", () => {
    expect(patternForbidden(alice, "user:usr_bob")).toBe(true);
    expect(patternForbidden(alice, "admin")).toBe(true);
    expect(patternForbidden(alice, "user:*")).toBe(false);
    expect(patternForbidden(alice, "*")).toBe(false);
    expect(patternForbidden(admin, "admin")).toBe(false);
    expect(patternForbidden(null, "jobs:*")).toBe(true);
  });
});
