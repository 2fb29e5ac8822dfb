"use client";
// ModulesPanel: each of Switchboard's modules with its health badge, the reason when it is not ok,
// what a problem affects and its latest figures; live from `module_status_changed`.
import type { ModuleHealth } from "@/lib/api/system";
import { Badge } from "@/components/ui/badge";
import { moduleLabel, moduleStatusLabel, moduleTone, sortModules } from "./system-format";

export function ModulesPanel({ modules }: { modules: readonly ModuleHealth[] }) {
  return (
    <ul className="grid gap-2" aria-label="Modules" data-testid="system-modules">
      {sortModules(modules).map((m) => (
        <li key={m.module} className="grid gap-1 rounded-lg border px-3 py-2" data-testid="system-module" data-module={m.module} data-status={m.new_status}>
          <div className="flex items-center justify-between gap-3">
            <span className="text-sm font-medium">{moduleLabel(m.module)}</span>
            <Badge variant={moduleTone(m.new_status)}>
              <span className="sr-only">Status: </span>
              {moduleStatusLabel(m.new_status)}
            </Badge>
          </div>
          {m.new_status !== "ok" && m.reason ? <p className="text-xs text-foreground">{m.reason}</p> : null}
          {m.new_status !== "ok" && m.affected_functions.length > 0 ? (
            <p className="text-xs text-muted-foreground">Affects: {m.affected_functions.join(", ")}</p>
          ) : null}
          {m.details && Object.keys(m.details).length > 0 ? (
            <p className="text-xs text-muted-foreground tabular-nums">
              {Object.entries(m.details)
                .filter(([, v]) => v !== null)
                .map(([k, v]) => `${k.replace(/_/g, " ")} ${String(v)}`)
                .join(" · ")}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
