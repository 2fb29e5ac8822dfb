// The event bus contract shared by the in-process and Redis implementations. Producers publish
// through it; every hub instance subscribes to it; it owns event ids, the replay log and the epoch.

/** An event as the bus carries it. Durable events have an `id`; ephemeral ones do not. */
export interface BusEvent {
  type: string;
  topic: string;
  id?: string;
  ts: string;
  data: unknown;
}

export interface PublishInput {
  type: string;
  topic: string;
  data: unknown;
  /** Ephemeral events keep only the latest value per (topic, type) and are never replayed. */
  ephemeral: boolean;
}

export type ReplayResult =
  | { ok: true; events: BusEvent[] }
  | { ok: false; reason: "unknown_id" | "too_old" | "epoch_changed" };

export type TopicFilter = (topic: string) => boolean;

export interface BusStats {
  kind: "memory" | "redis";
  epoch: string;
  log_size: number;
  log_capacity: number;
  /** The oldest durable event id still in the replay log (null when empty). */
  oldest_id: string | null;
  newest_id: string | null;
  latest_values: number;
  published: number;
  connected: boolean;
}

/**
 * A message between server instances, never sent to clients: a cache to drop or sockets to close
 * on whichever instance holds them. `from` is the sending instance.
 */
export interface ControlMessage {
  kind: string;
  from: string;
  data: unknown;
}

export interface Bus {
  readonly kind: "memory" | "redis";
  /** Changes whenever the replay log starts over; ids are ordered only within one epoch. */
  epoch(): string;
  /** Publishes one event and resolves with it as delivered (with its id when durable). */
  publish(input: PublishInput): Promise<BusEvent>;
  /** Publishes several events in order; all get consecutive ids. */
  publishMany(inputs: PublishInput[]): Promise<BusEvent[]>;
  /** Every event, in publish order, as it is published anywhere in the cluster. Returns a teardown. */
  subscribe(listener: (event: BusEvent) => void): () => void;
  /** Called with the new epoch whenever it changes. Returns a teardown. */
  onEpochChange(listener: (epoch: string) => void): () => void;
  /**
   * Called when this instance fell so far behind that the replay log was trimmed past the last event
   * it delivered: durable events went by without reaching its subscribers (same epoch). Never for the
   * memory bus, which delivers as it publishes. Returns a teardown.
   */
  onGap(listener: () => void): () => void;
  /**
   * The durable events after `since` on topics that pass `filter`, in order, up to the newest event
   * published so far. Not ok when `since` is not an id this bus still holds (another epoch, or
   * evicted from the log): the caller must tell its client to resync.
   */
  replay(filter: TopicFilter, since: string): Promise<ReplayResult>;
  /** The latest value of every ephemeral (topic, type) whose topic passes `filter`. */
  latest(filter: TopicFilter): Promise<BusEvent[]>;
  /** Sends a control message to every instance, this one included. */
  sendControl(message: ControlMessage): Promise<void>;
  /** Every control message, from any instance. Returns a teardown. */
  onControl(listener: (message: ControlMessage) => void): () => void;
  /** Called when the bus loses (`false`) or regains (`true`) its store; never for the memory bus. Returns a teardown. */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
  stats(): BusStats;
  close(): Promise<void>;
}
