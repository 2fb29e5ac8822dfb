// Query keys: stable shapes, equal filters give equal keys, and resync topics map to the right prefixes.
import { describe, expect, it } from "vitest";
import { QueryClient } from "@tanstack/react-query";
import { queryKeys, queryKeysForTopic } from "./keys";

describe("queryKeys", () => {
  it("drops empty filters so equal filters give one cache entry", () => {
    expect(queryKeys.jobs.list({ status: undefined, q: "" })).toEqual(["jobs", "list", {}]);
    expect(queryKeys.jobs.list()).toEqual(queryKeys.jobs.list({}));
    expect(queryKeys.me()).toEqual(["me"]);
  });

  it("lists and details sit under their domain prefix", () => {
    expect(queryKeys.jobs.list({ status: "failed" }).slice(0, 2)).toEqual(queryKeys.jobs.lists());
    expect(queryKeys.dagRuns.detail("r1")).toEqual(["dag-runs", "detail", "r1"]);
  });
});

describe("queryKeysForTopic", () => {
  it("maps bare and parameterised topics to the prefixes they carry", () => {
    expect(queryKeysForTopic("jobs")).toEqual([["jobs"]]);
    expect(queryKeysForTopic("jobs:j1")).toEqual([
      ["jobs", "detail", "j1"],
      ["jobs", "list"],
    ]);
    expect(queryKeysForTopic("market:AAPL")).toEqual([["market", "AAPL"], ["market", "quotes"]]);
    expect(queryKeysForTopic("user:u1")).toEqual([["notifications"], ["watchlist"]]);
    expect(queryKeysForTopic("system:alerts")).toEqual([["system", "alerts"]]);
    expect(queryKeysForTopic("dag-runs:*")).toEqual([["dag-runs"]]);
    expect(queryKeysForTopic("nonsense")).toEqual([]);
  });

  it("`*` covers every domain but never unrelated keys such as the session", () => {
    const keys = queryKeysForTopic("*");
    expect(keys).toContainEqual(["jobs"]);
    expect(keys).toContainEqual(["notifications"]);
    expect(keys).not.toContainEqual(["me"]);
  });

  it("invalidating a topic's prefixes reaches exactly that topic's queries", async () => {
    const qc = new QueryClient();
    qc.setQueryData(queryKeys.jobs.detail("j1"), 1);
    qc.setQueryData(queryKeys.jobs.detail("j2"), 1);
    qc.setQueryData(queryKeys.jobs.list({ status: "failed" }), 1);
    for (const key of queryKeysForTopic("jobs:j1")) await qc.invalidateQueries({ queryKey: key });
    expect(qc.getQueryState(queryKeys.jobs.detail("j1"))!.isInvalidated).toBe(true);
    expect(qc.getQueryState(queryKeys.jobs.list({ status: "failed" }))!.isInvalidated).toBe(true);
    expect(qc.getQueryState(queryKeys.jobs.detail("j2"))!.isInvalidated).toBe(false);
  });
});
