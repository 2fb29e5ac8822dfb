// Tests of the admin console's tab in the URL.
import { describe, expect, it } from "vitest";
import { adminTabFromSearch, adminTabToSearch } from "./admin-view";

describe("admin tab in the URL", () => {
  it("reads a known tab and falls back to connections for a missing or unknown one", () => {
    expect(adminTabFromSearch(new URLSearchParams("tab=keys"))).toBe("keys");
    expect(adminTabFromSearch(new URLSearchParams("tab=audit"))).toBe("audit");
    expect(adminTabFromSearch(new URLSearchParams(""))).toBe("connections");
    expect(adminTabFromSearch(new URLSearchParams("tab=nope"))).toBe("connections");
  });

  it("writes nothing for the default tab and keeps other parameters", () => {
    expect(adminTabToSearch("connections")).toBe("");
    expect(adminTabToSearch("users")).toBe("?tab=users");
    expect(adminTabToSearch("connections", new URLSearchParams("tab=users&page=2"))).toBe("?page=2");
    expect(adminTabToSearch("topics", new URLSearchParams("x=1"))).toBe("?x=1&tab=topics");
  });
});
