// The time window of one rule on one topic: the condition must hold without a break for the
// window before it fires (once), and it clears when the condition ends or the topic goes silent.

export interface WindowState {
  /** When the condition began to hold (ms), null while it does not. */
  since: number | null;
  /** When the last event was seen (ms). */
  lastSeen: number;
  /** The last value that held. */
  value: number;
  /** True from firing until clearing. */
  fired: boolean;
}

export type WindowAction = "fire" | "clear" | null;

export function newWindow(at: number): WindowState {
  return { since: null, lastSeen: at, value: 0, fired: false };
}

/** Feeds one observation at `at` (ms). "fire" once per breach, "clear" when a fired breach ends. */
export function observe(state: WindowState, holds: boolean, value: number, at: number, windowMs: number): WindowAction {
  state.lastSeen = at;
  if (holds) {
    state.value = value;
    if (state.since === null) state.since = at;
    if (!state.fired && at - state.since >= windowMs) {
      state.fired = true;
      return "fire";
    }
    return null;
  }
  state.since = null;
  if (state.fired) {
    state.fired = false;
    return "clear";
  }
  return null;
}

/**
 * The sweep's look at a window at `at`: a topic silent for longer than `silenceMs` ends its window
 * ("clear" if it had fired, "drop" otherwise); a condition that still held at the last event fires
 * once the window has passed even when no newer event came.
 */
export function sweepWindow(state: WindowState, at: number, windowMs: number, silenceMs: number): WindowAction | "drop" {
  if (at - state.lastSeen > silenceMs) {
    state.since = null;
    if (state.fired) {
      state.fired = false;
      return "clear";
    }
    return "drop";
  }
  if (state.since !== null && !state.fired && at - state.since >= windowMs) {
    state.fired = true;
    return "fire";
  }
  return null;
}

/** How long a topic may stay silent before its window ends: the window itself, at least 30 s. */
export function silenceFor(windowMs: number): number {
  return Math.max(windowMs, 30_000);
}
