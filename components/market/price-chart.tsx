"use client";
// PriceChart: candles of the selected ticker (lightweight-charts), 1 s or 1 m, fetched once and then
// kept live from pushed quotes: the current candle moves, new ones append. Follows the theme.
import * as React from "react";
import { CandlestickSeries, ColorType, createChart, type IChartApi, type ISeriesApi, type UTCTimestamp } from "lightweight-charts";
import { useTheme } from "next-themes";

import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { CANDLE_INTERVALS, CANDLE_SECONDS, type Candle, type CandleInterval } from "@/lib/api/market";
import type { Quote } from "@/lib/protocol/entities/market";
import { topics } from "@/lib/protocol/topics";
import { useCandles } from "@/lib/query/hooks/use-market";
import type { RealtimeEvent } from "@/lib/realtime/client";
import { useTopic } from "@/lib/realtime/hooks";
import { cn } from "@/lib/utils";

const THEMES = {
  light: { background: "#ffffff", text: "#334155", grid: "#e2e8f0" },
  dark: { background: "#0a0a0a", text: "#cbd5e1", grid: "#1e293b" },
} as const;

export function PriceChart({ ticker }: { ticker: string | null }) {
  const [interval, setInterval] = React.useState<CandleInterval>("1s");
  const candles = useCandles(ticker, interval);
  const { resolvedTheme } = useTheme();
  const container = React.useRef<HTMLDivElement>(null);
  const chart = React.useRef<IChartApi | null>(null);
  const series = React.useRef<ISeriesApi<"Candlestick"> | null>(null);
  /** The newest candle drawn (null until the fetched candles are drawn). */
  const last = React.useRef<Candle | null>(null);
  const [ready, setReady] = React.useState(false);

  React.useEffect(() => {
    if (!container.current) return;
    const c = createChart(container.current, {
      autoSize: true,
      layout: { attributionLogo: false },
      timeScale: { timeVisible: true, secondsVisible: true },
      rightPriceScale: { borderVisible: false },
    });
    series.current = c.addSeries(CandlestickSeries, {
      upColor: "#10b981",
      downColor: "#ef4444",
      borderVisible: false,
      wickUpColor: "#10b981",
      wickDownColor: "#ef4444",
    });
    chart.current = c;
    setReady(true);
    return () => {
      chart.current = null;
      series.current = null;
      c.remove();
    };
  }, []);

  React.useEffect(() => {
    const colors = THEMES[resolvedTheme === "dark" ? "dark" : "light"];
    chart.current?.applyOptions({
      layout: { background: { type: ColorType.Solid, color: colors.background }, textColor: colors.text },
      grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
    });
  }, [resolvedTheme, ready]);

  React.useEffect(() => {
    last.current = null;
    if (!series.current) return;
    const items = candles.data?.ticker === ticker && candles.data?.interval === interval ? candles.data.items : [];
    series.current.setData(items.map(toBar));
    last.current = items.at(-1) ?? null;
    if (items.length > 0) chart.current?.timeScale().scrollToRealTime();
  }, [candles.data, ticker, interval, ready]);

  const onEvent = React.useCallback(
    (event: RealtimeEvent) => {
      if (event.type !== "market_data" && event.type !== "market_data_batch") return;
      if (!series.current || !ticker || candles.data?.ticker !== ticker || candles.data.interval !== interval) return;
      const quotes: Quote[] = event.type === "market_data" ? [event.data] : event.data;
      for (const q of quotes) {
        if (q.ticker !== ticker) continue;
        const next = advance(last.current, q, CANDLE_SECONDS[interval]);
        if (!next) continue;
        last.current = next;
        series.current.update(toBar(next));
      }
    },
    [ticker, interval, candles.data],
  );
  useTopic(ticker ? topics.market(ticker) : null, onEvent);

  return (
    <Card data-testid="price-chart">
      <CardHeader>
        <CardTitle as="h2">{ticker ?? "Chart"}</CardTitle>
        <CardDescription>{ticker ? `Candles of ${ticker}, live` : "Pick a ticker of the watchlist"}</CardDescription>
        <CardAction>
          <div role="radiogroup" aria-label="Candle interval" className="flex gap-1">
            {CANDLE_INTERVALS.map((i) => (
              <button
                key={i}
                type="button"
                role="radio"
                aria-checked={interval === i}
                onClick={() => setInterval(i)}
                className={cn(
                  "rounded-md border px-2 py-0.5 text-xs focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
                  interval === i ? "bg-primary text-primary-foreground" : "hover:bg-accent",
                )}
              >
                {i}
              </button>
            ))}
          </div>
        </CardAction>
      </CardHeader>
      <CardContent>
        {candles.isError && (
          <QueryErrorAlert title="Could not load candles" error={candles.error} onRetry={() => void candles.refetch()} busy={candles.isFetching} />
        )}
        <div
          ref={container}
          className="h-72 w-full"
          role="img"
          aria-label={ticker ? `Price chart of ${ticker}, ${interval} candles` : "Price chart"}
          aria-busy={candles.isFetching || undefined}
          data-testid="price-chart-canvas"
        />
      </CardContent>
    </Card>
  );
}

function toBar(c: Candle) {
  return { time: c.time as UTCTimestamp, open: c.open, high: c.high, low: c.low, close: c.close };
}

/** The candle after a quote: the current one grown, a new one, or null for a quote older than it. */
export function advance(current: Candle | null, q: Quote, seconds: number): Candle | null {
  const s = Math.floor(Date.parse(q.timestamp) / 1000);
  if (!Number.isFinite(s)) return null;
  const time = s - (s % seconds);
  if (!current || time > current.time) return { time, open: q.price, high: q.price, low: q.price, close: q.price, volume: 0 };
  if (time < current.time) return null;
  return { ...current, high: Math.max(current.high, q.price), low: Math.min(current.low, q.price), close: q.price };
}
