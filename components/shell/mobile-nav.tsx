"use client";
// MobileNav: on small screens, a menu button that opens the navigation in a sheet from the left.
import * as React from "react";
import { Menu } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { BrandMark } from "./brand";
import { NavList } from "./nav-list";

export function MobileNav() {
  const [open, setOpen] = React.useState(false);
  const close = React.useCallback(() => setOpen(false), []);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="md:hidden" aria-label="Open navigation">
          <Menu aria-hidden="true" />
        </Button>
      </SheetTrigger>
      <SheetContent side="left">
        <div className="flex h-14 items-center gap-2 px-5">
          <BrandMark className="size-6" />
          <SheetTitle>Switchboard</SheetTitle>
          <SheetDescription className="sr-only">Main navigation</SheetDescription>
        </div>
        <nav aria-label="Main" className="flex-1 overflow-y-auto px-3 py-2">
          <NavList onNavigate={close} />
        </nav>
      </SheetContent>
    </Sheet>
  );
}
