// Sidebar: the fixed left column on medium and larger screens (brand + main navigation).
import { Brand } from "./brand";
import { NavList } from "./nav-list";

export function Sidebar() {
  return (
    <aside className="sticky top-0 hidden h-dvh w-60 shrink-0 flex-col border-r border-sidebar-border bg-sidebar text-sidebar-foreground md:flex">
      <div className="flex h-14 items-center px-3">
        <Brand />
      </div>
      <nav aria-label="Main" className="flex-1 overflow-y-auto px-3 py-2">
        <NavList />
      </nav>
    </aside>
  );
}
