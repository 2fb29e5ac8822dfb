"use client";
// Job results: summary, entities grouped by type, insights, and the extracted text (scrollable, "show all").
import * as React from "react";
import type { LucideIcon } from "lucide-react";
import { Building2, Lightbulb, MapPin, Tag, User } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ExtractedEntity, JobResult } from "@/lib/protocol/entities/jobs";
import { formatNumber } from "@/lib/utils";

/** Characters of extracted text shown before "Show all". */
export const TEXT_PREVIEW_CHARS = 2_000;

const ENTITY_GROUPS: { type: string; label: string; icon: LucideIcon }[] = [
  { type: "person", label: "People", icon: User },
  { type: "organization", label: "Organizations", icon: Building2 },
  { type: "place", label: "Places", icon: MapPin },
];

/** Entities grouped by type (people, organizations, places, then any other type), each text once with its count. */
export function groupEntities(entities: readonly ExtractedEntity[]): { type: string; label: string; items: { text: string; count: number }[] }[] {
  const byType = new Map<string, Map<string, { text: string; count: number }>>();
  for (const e of entities) {
    const type = e.type || "other";
    const key = e.text.trim().toLowerCase();
    if (!key) continue;
    const group = byType.get(type) ?? new Map();
    const held = group.get(key);
    if (held) held.count += 1;
    else group.set(key, { text: e.text.trim(), count: 1 });
    byType.set(type, group);
  }
  const known = ENTITY_GROUPS.map((g) => g.type);
  const order = [...known, ...[...byType.keys()].filter((t) => !known.includes(t)).sort()];
  return order
    .filter((t) => byType.has(t))
    .map((type) => ({
      type,
      label: ENTITY_GROUPS.find((g) => g.type === type)?.label ?? type.charAt(0).toUpperCase() + type.slice(1),
      items: [...byType.get(type)!.values()],
    }));
}

export function JobResults({ result }: { result: JobResult }) {
  const groups = groupEntities(result.entities);
  return (
    <div className="grid items-start gap-6 lg:grid-cols-5">
      <div className="grid content-start gap-6 lg:col-span-3">
        <Card className="gap-3" data-testid="job-summary">
          <CardHeader>
            <CardTitle className="text-base">Summary</CardTitle>
          </CardHeader>
          <CardContent>
            {result.summary ? (
              <p className="text-sm leading-relaxed">{result.summary}</p>
            ) : (
              <p className="text-sm text-muted-foreground">No summary was produced for this file.</p>
            )}
          </CardContent>
        </Card>
        <ExtractedText text={result.extracted_text} />
      </div>
      <div className="grid content-start gap-6 lg:col-span-2">
        <Card className="gap-3" data-testid="job-entities">
          <CardHeader>
            <CardTitle className="text-base">Entities</CardTitle>
            <CardDescription>
              {result.entities.length === 0 ? "None found." : `${formatNumber(result.entities.length)} found in the text.`}
            </CardDescription>
          </CardHeader>
          {groups.length > 0 ? (
            <CardContent className="grid gap-4">
              {groups.map((g) => {
                const Icon = ENTITY_GROUPS.find((x) => x.type === g.type)?.icon ?? Tag;
                return (
                  <section key={g.type} aria-label={g.label} className="grid gap-2">
                    <h4 className="flex items-center gap-1.5 text-xs font-medium uppercase tracking-wide text-muted-foreground">
                      <Icon className="size-3.5" aria-hidden="true" />
                      {g.label}
                      <span className="tabular-nums">({g.items.length})</span>
                    </h4>
                    <ul className="flex flex-wrap gap-1.5">
                      {g.items.map((item) => (
                        <li key={item.text} className="inline-flex items-center gap-1 rounded-md border bg-muted/40 px-2 py-0.5 text-xs font-medium">
                          {item.text}
                          {item.count > 1 ? <span className="text-muted-foreground tabular-nums">×{item.count}</span> : null}
                        </li>
                      ))}
                    </ul>
                  </section>
                );
              })}
            </CardContent>
          ) : null}
        </Card>
        <Card className="gap-3" data-testid="job-insights">
          <CardHeader>
            <CardTitle className="text-base">Insights</CardTitle>
          </CardHeader>
          <CardContent>
            {result.insights.length === 0 ? (
              <p className="text-sm text-muted-foreground">No insights were drawn from this file.</p>
            ) : (
              <ul className="grid gap-2.5">
                {result.insights.map((insight, i) => (
                  <li key={i} className="flex gap-2 text-sm leading-relaxed">
                    <Lightbulb className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden="true" />
                    <span>{insight}</span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}

function ExtractedText({ text }: { text: string | null }) {
  const [all, setAll] = React.useState(false);
  const regionId = React.useId();
  const long = (text?.length ?? 0) > TEXT_PREVIEW_CHARS;
  const shown = text && long && !all ? `${text.slice(0, TEXT_PREVIEW_CHARS).trimEnd()}…` : text;
  return (
    <Card className="gap-3" data-testid="job-text">
      <CardHeader>
        <CardTitle className="text-base">Extracted text</CardTitle>
        <CardDescription>{text ? `${formatNumber(text.length)} characters` : "No text was extracted."}</CardDescription>
      </CardHeader>
      {text ? (
        <CardContent className="grid gap-2">
          <div
            id={regionId}
            tabIndex={0}
            role="region"
            aria-label="Extracted text"
            className="max-h-96 overflow-auto rounded-md border bg-muted/30 p-3 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            <pre className="whitespace-pre-wrap break-words font-mono text-xs leading-relaxed">{shown}</pre>
          </div>
          {long ? (
            <Button variant="ghost" size="sm" className="w-fit" aria-controls={regionId} aria-expanded={all} onClick={() => setAll((v) => !v)}>
              {all ? "Show less" : `Show all ${formatNumber(text.length)} characters`}
            </Button>
          ) : null}
        </CardContent>
      ) : null}
    </Card>
  );
}
