"use client";
// WatchlistRow: one ticker of the watchlist: price (flashing green or red on each change), change,
// percent, volume and a sparkline of recent ticks; selecting it shows its chart; removing it.
import * as React from "react";
import { X } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useQuote, useTicks } from "@/lib/query/hooks/use-market";
import { cn } from "@/lib/utils";
import { formatChange, formatPercent, formatPrice, formatVolume, moveClass } from "./market-format";
import { Sparkline } from "./sparkline";

const FLASH_MS = 600;
/** Points of the sparkline. */
const SPARK_POINTS = 120;

export function WatchlistRow({
  ticker,
  pending,
  selected,
  onSelect,
  onRemove,
}: {
  ticker: string;
  pending: boolean;
  selected: boolean;
  onSelect: (ticker: string) => void;
  onRemove: (ticker: string) => void;
}) {
  const quote = useQuote(ticker).data ?? null;
  const ticks = useTicks(ticker).data;
  const flash = usePriceFlash(quote?.price ?? null);
  const spark = React.useMemo(() => (ticks ?? []).slice(-SPARK_POINTS).map((t) => t.price), [ticks]);

  return (
    <tr
      className={cn("border-b last:border-0", selected && "bg-muted/60", pending && "opacity-60")}
      data-testid={`watchlist-row-${ticker}`}
      data-pending={pending || undefined}
      aria-busy={pending || undefined}
    >
      <th scope="row" className="py-1.5 pr-2 text-left font-medium">
        <button
          type="button"
          className="rounded px-1 font-mono hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
          aria-pressed={selected}
          aria-label={`Show the chart of ${ticker}`}
          onClick={() => onSelect(ticker)}
        >
          {ticker}
        </button>
        {pending && <span className="sr-only"> (saving)</span>}
      </th>
      <td className="py-1.5 pr-2 text-right tabular-nums">
        {quote ? (
          <span
            className={cn(
              "rounded px-1 transition-colors duration-500",
              flash === "up" && "bg-emerald-500/25 duration-0",
              flash === "down" && "bg-red-500/25 duration-0",
            )}
            data-testid={`price-${ticker}`}
            data-flash={flash ?? undefined}
          >
            {formatPrice(quote.price)}
          </span>
        ) : (
          <Skeleton className="ml-auto h-4 w-14" />
        )}
      </td>
      <td className={cn("py-1.5 pr-2 text-right tabular-nums", moveClass(quote?.change))}>{formatChange(quote?.change)}</td>
      <td className={cn("py-1.5 pr-2 text-right tabular-nums", moveClass(quote?.change_percent))}>{formatPercent(quote?.change_percent)}</td>
      <td className="hidden py-1.5 pr-2 text-right tabular-nums sm:table-cell">{formatVolume(quote?.volume)}</td>
      <td className="hidden py-1.5 pr-2 md:table-cell">
        <Sparkline values={spark} />
      </td>
      <td className="py-1.5 text-right">
        <Button variant="ghost" size="icon" className="size-7" aria-label={`Remove ${ticker}`} onClick={() => onRemove(ticker)} disabled={pending} data-testid={`remove-${ticker}`}>
          <X aria-hidden="true" />
        </Button>
      </td>
    </tr>
  );
}

/** "up" or "down" for a moment after the price changes, then null. */
function usePriceFlash(price: number | null): "up" | "down" | null {
  const previous = React.useRef<number | null>(price);
  const [flash, setFlash] = React.useState<"up" | "down" | null>(null);
  React.useEffect(() => {
    const before = previous.current;
    previous.current = price;
    if (price === null || before === null || price === before) return;
    setFlash(price > before ? "up" : "down");
    const timer = setTimeout(() => setFlash(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [price]);
  return flash;
}
