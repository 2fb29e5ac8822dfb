// Signals between engines and services ("a job is queued", "this run was cancelled"): heard at once
// in this process and, through the bus's control channel, by every other instance, so that an
// engine wakes or stops whichever instance the request reached.
import type { Bus, ControlMessage } from "../bus/bus";
import type { Logger } from "../log";

export interface SignalChannel<T> {
  emit(data: T): void;
  on(listener: (data: T) => void): () => void;
}

export interface Signals {
  channel<T = void>(name: string): SignalChannel<T>;
}

const KIND = "signal";

function createRegistry(send: (name: string, data: unknown) => void, log?: Logger) {
  const channels = new Map<string, Set<(data: unknown) => void>>();
  const fire = (name: string, data: unknown) => {
    for (const listener of channels.get(name) ?? []) {
      try {
        listener(data);
      } catch (err) {
        log?.error({ err, signal: name }, "a signal listener failed");
      }
    }
  };
  const signals: Signals = {
    channel<T>(name: string): SignalChannel<T> {
      return {
        emit(data: T) {
          fire(name, data);
          send(name, data);
        },
        on(listener: (data: T) => void) {
          let set = channels.get(name);
          if (!set) channels.set(name, (set = new Set()));
          const l = listener as (data: unknown) => void;
          set.add(l);
          return () => set.delete(l);
        },
      };
    },
  };
  return { signals, fire };
}

/** Signals heard in this process only (a single instance, or a service built alone in a test). */
export function localSignals(): Signals {
  return createRegistry(() => {}).signals;
}

/** Signals heard by every instance on the bus. */
export function busSignals(deps: { bus: Bus; instanceId: string; log: Logger }): Signals & { close(): void } {
  const { bus, instanceId, log } = deps;
  const { signals, fire } = createRegistry((name, data) => {
    const message: ControlMessage = { kind: KIND, from: instanceId, data: { name, data: data ?? null } };
    bus.sendControl(message).catch((err: unknown) => log.warn({ err, signal: name }, "could not send a signal to the other instances"));
  }, log);
  const stop = bus.onControl((message) => {
    if (message.kind !== KIND || message.from === instanceId) return;
    const { name, data } = message.data as { name: string; data: unknown };
    fire(name, data);
  });
  return { ...signals, close: stop };
}
