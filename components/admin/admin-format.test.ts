// Tests of the admin console's wording.
import { describe, expect, it } from "vitest";
import { auditActionLabel, auditDetails, auditTarget, plural, shortUserAgent, targetLabel } from "./admin-format";

describe("admin wording", () => {
  it("names audit actions, and falls back to the raw action", () => {
    expect(auditActionLabel("user_disabled")).toBe("Disabled a user");
    expect(auditActionLabel("something_new")).toBe("something new");
  });

  it("names an entry's target by label, else type and id", () => {
    expect(auditTarget({ target_type: "user", target_id: "u1", target_label: "ada@example.com" })).toBe("ada@example.com");
    expect(auditTarget({ target_type: "api_key", target_id: "k1", target_label: null })).toBe("api key k1");
    expect(auditTarget({ target_type: "broadcast", target_id: null, target_label: null })).toBe("everyone");
  });

  it("shortens details", () => {
    expect(auditDetails({ from: "user", to: "admin", n: 2, o: { a: 1 } })).toBe('from: user · to: admin · n: 2 · o: {"a":1}');
    expect(auditDetails({ a: 1, b: 2, c: 3 }, 2)).toBe("a: 1 · b: 2");
  });

  it("shortens user agents", () => {
    expect(shortUserAgent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")).toBe("Chrome 131 on Linux");
    expect(shortUserAgent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36")).toBe("Headless Chrome 131 on Linux");
    expect(shortUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15")).toBe("Safari 17 on macOS");
    expect(shortUserAgent("curl/8.5.0")).toBe("curl/8.5.0");
    expect(shortUserAgent(null)).toBe("–");
  });

  it("names broadcast targets and counts", () => {
    expect(targetLabel({ kind: "everyone" })).toBe("everyone");
    expect(targetLabel({ kind: "user", user_id: "u1" }, (id) => (id === "u1" ? "ada@example.com" : undefined))).toBe("ada@example.com");
    expect(targetLabel({ kind: "user", user_id: "u2" })).toBe("user u2");
    expect(targetLabel({ kind: "role", role: "admin" })).toBe("every admin");
    expect(plural(1, "socket")).toBe("1 socket");
    expect(plural(1200, "socket")).toBe("1,200 sockets");
  });
});
