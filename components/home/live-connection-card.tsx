"use client";
// LiveConnectionCard: this browser's own realtime link (status, server epoch, last event), from the realtime client.
import { Cable } from "lucide-react";

import { ConnectionStatusView } from "@/components/shell/connection-status";
import { useNow } from "@/components/shell/use-now";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useConnectionStatus } from "@/lib/realtime/hooks";
import { formatRelativeTime } from "@/lib/utils";

export function LiveConnectionCard() {
  const { status, lastEventAt, epoch } = useConnectionStatus();
  const now = useNow(1000);
  return (
    <Card className="gap-4" data-testid="live-connection">
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-sm font-medium text-muted-foreground">
          <Cable className="size-4" aria-hidden="true" />
          Your live connection
        </CardTitle>
        <CardDescription>The WebSocket this tab uses to receive updates.</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-4 text-sm sm:grid-cols-3">
          <div className="grid gap-1">
            <dt className="text-muted-foreground">Status</dt>
            <dd>
              <ConnectionStatusView status={status} lastEventAt={lastEventAt} className="w-fit" />
            </dd>
          </div>
          <div className="grid gap-1">
            <dt className="text-muted-foreground">Last event</dt>
            <dd className="font-medium tabular-nums">
              {lastEventAt == null ? "None yet" : formatRelativeTime(lastEventAt, now)}
            </dd>
          </div>
          <div className="grid gap-1">
            <dt className="text-muted-foreground">Server epoch</dt>
            <dd className="truncate font-mono text-xs" title={epoch ?? undefined}>
              {epoch ?? "–"}
            </dd>
          </div>
        </dl>
      </CardContent>
    </Card>
  );
}
