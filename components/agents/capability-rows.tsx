"use client";
// CapabilityRows: the editable list of (capability name, level) rows shared by the "Add agent" and
// "New task" forms, with per-row errors, add and remove.
import { Plus, X } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";
import { KNOWN_CAPABILITIES } from "./agent-format";

export interface CapabilityDraft {
  /** Stable React key of the row. */
  key: number;
  name: string;
  /** The level as typed (0-1). */
  level: string;
}

let nextKey = 1;
export function capabilityDraft(name = "", level = ""): CapabilityDraft {
  nextKey += 1;
  return { key: nextKey, name, level };
}

export function CapabilityRows({
  idPrefix,
  rows,
  onChange,
  levelLabel,
  errors,
  errorPath,
  max,
  disabled,
}: {
  idPrefix: string;
  rows: CapabilityDraft[];
  onChange: (rows: CapabilityDraft[]) => void;
  /** "Proficiency" or "Minimum proficiency". */
  levelLabel: string;
  /** Row errors keyed `${errorPath}.${index}.name` / `.level`. */
  errors: Record<string, string | undefined>;
  errorPath: string;
  max: number;
  disabled?: boolean;
}) {
  const listId = `${idPrefix}-known`;
  const update = (key: number, change: Partial<CapabilityDraft>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  return (
    <div className="grid gap-2">
      <datalist id={listId}>
        {KNOWN_CAPABILITIES.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      {rows.length > 0 ? (
        <div className="grid grid-cols-[minmax(0,1fr)_7rem_2rem] gap-2 text-xs font-medium text-muted-foreground" aria-hidden="true">
          <span>Name</span>
          <span>{levelLabel} (0-1)</span>
          <span />
        </div>
      ) : null}
      {rows.map((row, i) => {
        const nameError = errors[`${errorPath}.${i}.name`];
        const levelError = errors[`${errorPath}.${i}.level`];
        const nameId = `${idPrefix}-${row.key}-name`;
        const levelId = `${idPrefix}-${row.key}-level`;
        return (
          <div key={row.key} className="grid gap-1" data-testid="capability-row">
            <div className="grid grid-cols-[minmax(0,1fr)_7rem_2rem] items-center gap-2">
              <label htmlFor={nameId} className="sr-only">
                Capability {i + 1} name
              </label>
              <Input
                id={nameId}
                value={row.name}
                list={listId}
                autoComplete="off"
                spellCheck={false}
                placeholder="e.g. summarization"
                disabled={disabled}
                aria-invalid={nameError ? true : undefined}
                aria-describedby={nameError ? `${nameId}-error` : undefined}
                onChange={(e) => update(row.key, { name: e.target.value })}
              />
              <label htmlFor={levelId} className="sr-only">
                Capability {i + 1} {levelLabel.toLowerCase()}, from 0 to 1
              </label>
              <Input
                id={levelId}
                type="number"
                inputMode="decimal"
                min={0}
                max={1}
                step={0.05}
                value={row.level}
                disabled={disabled}
                aria-invalid={levelError ? true : undefined}
                aria-describedby={levelError ? `${levelId}-error` : undefined}
                onChange={(e) => update(row.key, { level: e.target.value })}
                className="tabular-nums"
              />
              <Button
                variant="ghost"
                size="icon-sm"
                disabled={disabled}
                aria-label={`Remove capability ${i + 1}${row.name.trim() ? ` (${row.name.trim()})` : ""}`}
                onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                className="text-muted-foreground hover:text-foreground"
              >
                <X aria-hidden="true" />
              </Button>
            </div>
            {nameError || levelError ? (
              <div className="grid grid-cols-[minmax(0,1fr)_7rem_2rem] gap-2 text-xs text-destructive">
                <p id={`${nameId}-error`} className={cn(!nameError && "invisible")}>
                  {nameError}
                </p>
                <p id={`${levelId}-error`} className={cn("col-span-2", !levelError && "invisible")}>
                  {levelError}
                </p>
              </div>
            ) : null}
          </div>
        );
      })}
      <Button
        variant="outline"
        size="sm"
        className="w-fit"
        disabled={disabled || rows.length >= max}
        onClick={() => onChange([...rows, capabilityDraft("", rows.at(-1)?.level ?? "0.5")])}
      >
        <Plus aria-hidden="true" />
        Add capability
      </Button>
    </div>
  );
}
