// Header: the top bar of the dashboard (mobile menu, connection status, notifications, theme toggle, account menu).
import { NotificationBell } from "@/components/notifications/notification-bell";
import { ConnectionStatus } from "./connection-status";
import { MobileNav } from "./mobile-nav";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

export function Header() {
  return (
    <header className="sticky top-0 z-40 flex h-14 items-center gap-2 border-b bg-background/90 px-4 backdrop-blur supports-[backdrop-filter]:bg-background/75 md:px-6">
      <MobileNav />
      <div className="flex-1" />
      <ConnectionStatus />
      <NotificationBell />
      <ThemeToggle />
      <UserMenu />
    </header>
  );
}
