// The market feed interface: a producer of quotes and news for a set of tickers, which it hands to the
// market service (the single publisher). The simulator is the default; a real provider would be another.
export interface MarketFeed {
  start(): void;
  /** Stops producing; resolves when the last publish has settled. */
  stop(): Promise<void>;
  /** Adds tickers to the feed (idempotent); the feed produces quotes for them from its next tick. */
  subscribe(tickers: readonly string[]): void;
  /** The tickers the feed produces. */
  tickers(): string[];
  /** For its health check: quotes handed on, ticks skipped under backpressure, when the last batch was handed on (ms epoch, null before any). */
  figures(): { running: boolean; quotes: number; skipped: number; last_publish_at: number | null };
}
