"use client";
// AgentActivityFeed: the latest agent activity pushed to this tab (tasks completed, errors, status
// changes, learning cycles with their improvements), newest first.
import * as React from "react";
import type { LucideIcon } from "lucide-react";
import { Activity, CircleAlert, CircleCheck, GraduationCap, Info, RefreshCw } from "lucide-react";

import { RelativeTime } from "@/components/jobs/now-context";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useAgentActivity, type AgentRow } from "@/lib/query/hooks/use-agents";
import { cn } from "@/lib/utils";
import { describeActivity, type ActivityTone } from "./agent-format";

/** Entries shown (the cache keeps more). */
const SHOWN = 25;

const TONES: Record<ActivityTone, { icon: LucideIcon; className: string }> = {
  success: { icon: CircleCheck, className: "text-success" },
  error: { icon: CircleAlert, className: "text-destructive" },
  info: { icon: Info, className: "text-sky-700 dark:text-sky-300" },
  learning: { icon: GraduationCap, className: "text-violet-700 dark:text-violet-300" },
  muted: { icon: RefreshCw, className: "text-muted-foreground" },
};

export function AgentActivityFeed({ agents, className }: { agents: readonly AgentRow[]; className?: string }) {
  const feed = useAgentActivity();
  // Names outlive their agents here: a removed agent's entries still name it.
  const names = React.useRef(new Map<string, string>());
  for (const a of agents) if (!a._pending) names.current.set(a.agent_id, a.name);
  const nameOf = (id: string) => names.current.get(id) ?? id;
  const entries = feed.data.slice(0, SHOWN);

  return (
    <Card className={cn("gap-3 py-4", className)} data-testid="agent-activity">
      <CardHeader className="px-4">
        <CardTitle className="flex items-center gap-2 text-base">
          <Activity className="size-4 text-muted-foreground" aria-hidden="true" />
          Activity
        </CardTitle>
        <CardDescription>Live from the agents since this page opened.</CardDescription>
      </CardHeader>
      <CardContent className="px-4">
        {entries.length === 0 ? (
          <p className="py-6 text-center text-sm text-muted-foreground">Nothing yet: completed tasks, errors and learning cycles appear here.</p>
        ) : (
          // Focusable: a scrolling region must be reachable from the keyboard.
          <ol aria-label="Recent agent activity" tabIndex={0} className="grid max-h-[32rem] gap-3 overflow-y-auto rounded-sm pr-1 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
            {entries.map((entry) => {
              const { text, detail, tone } = describeActivity(entry, nameOf);
              const { icon: Icon, className: toneClass } = TONES[tone];
              return (
                <li key={entry.id} className="flex gap-2.5 text-sm" data-type={entry.type}>
                  <Icon className={cn("mt-0.5 size-4 shrink-0", toneClass)} aria-hidden="true" />
                  <div className="grid min-w-0 gap-0.5">
                    <p className="break-words leading-snug">{text}</p>
                    <p className="text-xs text-muted-foreground">
                      {detail ? <span>{detail} · </span> : null}
                      <RelativeTime iso={entry.ts} />
                    </p>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}
