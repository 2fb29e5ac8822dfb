"use client";
// NavList: the sidebar's links, built from NAV_ITEMS for the current user's role, marking the current page.
import Link from "next/link";
import { usePathname } from "next/navigation";

import { cn } from "@/lib/utils";
import { isNavItemActive, NAV_ITEMS, visibleNavItems, type NavItem } from "./nav-items";
import { useMe } from "./use-me";

export function NavList({
  items = NAV_ITEMS,
  onNavigate,
}: {
  items?: readonly NavItem[];
  /** Called after a link is followed (the mobile sheet closes itself with it). */
  onNavigate?: () => void;
}) {
  const pathname = usePathname();
  const { data: me } = useMe();
  const visible = visibleNavItems(me?.role, items);

  return (
    <ul className="flex flex-col gap-0.5">
      {visible.map(({ href, label, icon: Icon }) => {
        const active = isNavItemActive(href, pathname);
        return (
          <li key={href}>
            <Link
              href={href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium outline-none transition-colors focus-visible:ring-[3px] focus-visible:ring-ring/50",
                active
                  ? "bg-sidebar-accent text-sidebar-accent-foreground"
                  : "text-muted-foreground hover:bg-sidebar-accent/70 hover:text-sidebar-accent-foreground",
              )}
            >
              <Icon className="size-4 shrink-0" aria-hidden="true" />
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
