"use client";
// AddTicker: picks a known ticker that is not on the watchlist and adds it.
import * as React from "react";
import { Plus } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useTickers } from "@/lib/query/hooks/use-market";

export function AddTicker({ current, onAdd, disabled }: { current: readonly string[]; onAdd: (ticker: string) => void; disabled?: boolean }) {
  const tickers = useTickers();
  const [choice, setChoice] = React.useState("");
  const options = React.useMemo(() => (tickers.data ?? []).filter((t) => !current.includes(t)), [tickers.data, current]);
  const value = options.includes(choice) ? choice : "";

  return (
    <form
      className="flex items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!value) return;
        onAdd(value);
        setChoice("");
      }}
    >
      <Select value={value} onValueChange={setChoice} disabled={disabled || options.length === 0}>
        <SelectTrigger className="w-36" aria-label="Ticker to add" data-testid="add-ticker-select">
          <SelectValue placeholder={tickers.isPending ? "Loading…" : options.length === 0 ? "No more tickers" : "Add a ticker"} />
        </SelectTrigger>
        <SelectContent>
          {options.map((t) => (
            <SelectItem key={t} value={t} data-testid={`add-ticker-option-${t}`}>
              {t}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <Button type="submit" size="sm" disabled={!value || disabled} data-testid="add-ticker-submit">
        <Plus aria-hidden="true" />
        Add
      </Button>
    </form>
  );
}
