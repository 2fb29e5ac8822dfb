// The dashboard's navigation: one entry per page that exists. Add a page, add its entry here.
import type { LucideIcon } from "lucide-react";
import { BellRing, BookOpen, Bot, CandlestickChart, FileText, LayoutDashboard, Lightbulb, Server, ShieldCheck, Workflow } from "lucide-react";

export type NavItem = {
  /** Path of the page, starting with "/". */
  href: string;
  label: string;
  icon: LucideIcon;
  /** Shown only to admins. */
  adminOnly?: boolean;
};

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "Overview", icon: LayoutDashboard },
  { href: "/jobs", label: "Jobs", icon: FileText },
  { href: "/agents", label: "Agents", icon: Bot },
  { href: "/knowledge", label: "Knowledge", icon: BookOpen },
  { href: "/insights", label: "Insights", icon: Lightbulb },
  { href: "/dags", label: "DAGs", icon: Workflow },
  { href: "/market", label: "Market", icon: CandlestickChart },
  { href: "/system", label: "System", icon: Server },
  { href: "/alerts", label: "Alerts", icon: BellRing },
  { href: "/admin", label: "Admin", icon: ShieldCheck, adminOnly: true },
];

/** The entries a user with this role may see (admin-only ones are hidden from everyone else). */
export function visibleNavItems(role: string | null | undefined, items: readonly NavItem[] = NAV_ITEMS): NavItem[] {
  return items.filter((item) => !item.adminOnly || role === "admin");
}

/** Whether `pathname` is inside the page `href` ("/" matches only itself). */
export function isNavItemActive(href: string, pathname: string | null): boolean {
  if (!pathname) return false;
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}
