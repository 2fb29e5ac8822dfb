// Tests of the navigation model: role filtering and active-link matching.
import { Activity, Settings } from "lucide-react";
import { describe, expect, it } from "vitest";

import { isNavItemActive, NAV_ITEMS, visibleNavItems, type NavItem } from "./nav-items";

describe("nav items", () => {
  it("lists the overview", () => {
    expect(NAV_ITEMS.map((i) => i.href)).toContain("/");
  });

  it("hides admin-only entries from everyone but admins", () => {
    const items: NavItem[] = [
      { href: "/", label: "Overview", icon: Activity },
      { href: "/admin", label: "Admin", icon: Settings, adminOnly: true },
    ];
    expect(visibleNavItems("user", items).map((i) => i.href)).toEqual(["/"]);
    expect(visibleNavItems(undefined, items).map((i) => i.href)).toEqual(["/"]);
    expect(visibleNavItems("admin", items).map((i) => i.href)).toEqual(["/", "/admin"]);
  });

  it("marks the current page and its sub-pages active", () => {
    expect(isNavItemActive("/", "/")).toBe(true);
    expect(isNavItemActive("/", "/jobs")).toBe(false);
    expect(isNavItemActive("/jobs", "/jobs")).toBe(true);
    expect(isNavItemActive("/jobs", "/jobs/job_1")).toBe(true);
    expect(isNavItemActive("/jobs", "/jobs-archive")).toBe(false);
  });
});
