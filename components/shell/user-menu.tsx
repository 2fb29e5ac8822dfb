"use client";
// UserMenu: the header's account menu: who is signed in (email, role) and "Sign out".
import * as React from "react";
import { CircleUser, LogOut } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Skeleton } from "@/components/ui/skeleton";
import { useMe } from "./use-me";
import { useSignOut } from "./use-sign-out";

export function UserMenu() {
  const me = useMe();
  const signOut = useSignOut();
  const email = me.data?.email;

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          className="gap-2 px-2"
          aria-label={email ? `Account menu for ${email}` : "Account menu"}
          data-testid="user-menu"
        >
          <CircleUser className="size-5" aria-hidden="true" />
          {email ? (
            <span className="hidden max-w-48 truncate text-sm sm:inline">{email}</span>
          ) : me.isPending ? (
            <Skeleton className="hidden h-4 w-28 sm:block" />
          ) : null}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-60">
        <DropdownMenuLabel className="flex flex-col gap-1.5 font-normal">
          <span className="text-xs text-muted-foreground">Signed in as</span>
          <span className="truncate text-sm font-medium" data-testid="user-email">
            {email ?? "…"}
          </span>
          {me.data ? (
            <Badge variant={me.data.role === "admin" ? "default" : "secondary"} data-testid="user-role">
              {me.data.role}
            </Badge>
          ) : null}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem
          disabled={signOut.isPending}
          onSelect={(event) => {
            event.preventDefault();
            signOut.mutate();
          }}
        >
          <LogOut aria-hidden="true" />
          {signOut.isPending ? "Signing out…" : "Sign out"}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
