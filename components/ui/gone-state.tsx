// GoneState: a detail page's whole body when its subject does not exist (404) or was deleted: a
// heading for screen readers, the empty state, and a way back to the list.
import type * as React from "react";
import type { LucideIcon } from "lucide-react";
import Link from "next/link";

import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export function GoneState({
  icon,
  title,
  description,
  testId,
  back,
}: {
  icon: LucideIcon;
  title: string;
  description: React.ReactNode;
  testId: string;
  back: { href: string; label: string };
}) {
  return (
    <div className="grid gap-6">
      <h1 className="sr-only">{title}</h1>
      <EmptyState
        icon={icon}
        title={title}
        description={description}
        data-testid={testId}
        className="py-16"
        action={
          <Button asChild variant="outline" size="sm">
            <Link href={back.href}>{back.label}</Link>
          </Button>
        }
      />
    </div>
  );
}
