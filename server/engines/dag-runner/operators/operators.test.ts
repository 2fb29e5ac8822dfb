import { describe, expect, it, vi } from "vitest";
import { runOperator, PermanentStepError, type OperatorContext } from "./index";

function context(signal: AbortSignal, overrides: Partial<OperatorContext> = {}): OperatorContext {
  return {
    signal,
    run: { run_id: "run_1", dag_id: "dag_1", owner_id: "usr_1" },
    step_id: "s",
    jobs: {} as OperatorContext["jobs"],
    notifications: { notify: vi.fn(async () => ({})) } as unknown as OperatorContext["notifications"],
    httpAllow: ["127.0.0.1"],
    ...overrides,
  };
}

describe("operators", () => {
  it("delay waits, and stops when its step times out", async () => {
    const started = performance.now();
    await runOperator("delay", { ms: 20 }, context(new AbortController().signal));
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
    await expect(runOperator("delay", { ms: 60_000 }, context(AbortSignal.timeout(20)))).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("refuses bad params and unknown operators for good", async () => {
    const signal = new AbortController().signal;
    await expect(runOperator("delay", { ms: "x" }, context(signal))).rejects.toBeInstanceOf(PermanentStepError);
    await expect(runOperator("teleport", {}, context(signal))).rejects.toThrow('unknown operator "teleport"');
  });

  it("http_request refuses a host that is not allowed before any network call", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const refused = runOperator("http_request", { url: "http://example.com/" }, context(new AbortController().signal));
    await expect(refused).rejects.toBeInstanceOf(PermanentStepError);
    await expect(refused).rejects.toThrow("host example.com is not allowed");
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });

  it("notify tells the run's owner, with a link to the run; without an owner it fails for good", async () => {
    const ctx = context(new AbortController().signal);
    await runOperator("notify", { title: "Done" }, ctx);
    expect(ctx.notifications.notify).toHaveBeenCalledWith("usr_1", { title: "Done", message: "", level: "info", link: "/dags/dag_1/runs/run_1" });
    const ownerless = context(new AbortController().signal, { run: { run_id: "r", dag_id: "d", owner_id: null } });
    await expect(runOperator("notify", { title: "Done" }, ownerless)).rejects.toBeInstanceOf(PermanentStepError);
  });

  it("fail fails with its message (a retry may try again)", async () => {
    const failing = runOperator("fail", { message: "boom" }, context(new AbortController().signal));
    await expect(failing).rejects.toThrow("boom");
    await expect(failing).rejects.not.toBeInstanceOf(PermanentStepError);
  });
});
