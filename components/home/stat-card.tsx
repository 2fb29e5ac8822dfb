// StatCard: one health card: an icon and title, an ok/down badge, a headline value and a list of details.
import * as React from "react";
import type { LucideIcon } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Card, CardAction, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export type StatDetail = { label: string; value: React.ReactNode };

export function StatCard({
  title,
  icon: Icon,
  ok,
  value,
  details = [],
  testId,
}: {
  title: string;
  icon: LucideIcon;
  /** Health of the part; undefined hides the badge. */
  ok?: boolean;
  value: React.ReactNode;
  details?: StatDetail[];
  testId?: string;
}) {
  return (
    <Card className="gap-4" data-testid={testId}>
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-sm font-medium text-muted-foreground">
          <Icon className="size-4" aria-hidden="true" />
          {title}
        </CardTitle>
        {ok === undefined ? null : (
          <CardAction>
            <Badge variant={ok ? "success" : "destructive"}>{ok ? "OK" : "Down"}</Badge>
          </CardAction>
        )}
      </CardHeader>
      <CardContent className="grid gap-3">
        <p className="text-2xl font-semibold tracking-tight tabular-nums">{value}</p>
        {details.length > 0 ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            {details.map(({ label, value: detail }) => (
              <React.Fragment key={label}>
                <dt className="text-muted-foreground">{label}</dt>
                <dd className="truncate text-right font-medium tabular-nums">{detail}</dd>
              </React.Fragment>
            ))}
          </dl>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** The loading shape of a StatCard. */
export function StatCardSkeleton() {
  return (
    <Card className="gap-4">
      <CardHeader>
        <Skeleton className="h-4 w-24" />
      </CardHeader>
      <CardContent className="grid gap-3">
        <Skeleton className="h-8 w-28" />
        <div className="grid gap-2">
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-4/5" />
        </div>
      </CardContent>
    </Card>
  );
}
