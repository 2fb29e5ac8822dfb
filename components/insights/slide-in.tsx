"use client";
// Live-feed arrivals: which items came after the first load (useArrivals), and the slide-in of such an item (SlideIn; none under reduced motion).
import * as React from "react";

/**
 * The ids that appeared at the top of a list after it first loaded (`ready`), e.g. pushed items:
 * the first ids seen, and later ones below them (more pages), never count as arrivals. A new
 * `scope` (e.g. other filters) starts over.
 */
export function useArrivals(ids: readonly string[], ready: boolean, scope = ""): ReadonlySet<string> {
  const [state, setState] = React.useState<{ scope: string; baseline: Set<string> | null; arrived: Set<string> }>({
    scope,
    baseline: null,
    arrived: new Set(),
  });
  const key = ids.join("\n");
  React.useEffect(() => {
    if (!ready) return;
    setState((prev) => {
      if (prev.scope !== scope || prev.baseline === null) return { scope, baseline: new Set(ids), arrived: new Set() };
      const known = (id: string) => prev.baseline!.has(id) || prev.arrived.has(id);
      if (ids.every(known)) return prev;
      // New ids above the first known one arrived; below it they are older ones (another page).
      const firstKnown = ids.findIndex(known);
      const top = firstKnown === -1 ? ids.length : firstKnown;
      const arrived = new Set(prev.arrived);
      const baseline = new Set(prev.baseline);
      ids.forEach((id, i) => {
        if (!known(id)) (i < top ? arrived : baseline).add(id);
      });
      return { ...prev, baseline, arrived };
    });
    // `key` stands for `ids`.
  }, [key, ready, scope]);
  return state.scope === scope ? state.arrived : EMPTY;
}

const EMPTY: ReadonlySet<string> = new Set();

/** Renders `as` (default li); when `animate`, it slides down and fades in once, on mount. */
export function SlideIn({
  animate,
  as: Tag = "li",
  children,
  ...props
}: { animate: boolean; as?: "li" | "div" } & React.HTMLAttributes<HTMLElement>) {
  const ref = React.useRef<HTMLElement>(null);
  React.useEffect(() => {
    const el = ref.current;
    if (!animate || !el || typeof el.animate !== "function") return;
    if (window.matchMedia?.("(prefers-reduced-motion: reduce)").matches) return;
    el.animate(
      [
        { opacity: 0, transform: "translateY(-8px)" },
        { opacity: 1, transform: "translateY(0)" },
      ],
      { duration: 280, easing: "cubic-bezier(0.2, 0.8, 0.2, 1)" },
    );
    // Only on mount.
  }, []);
  return React.createElement(Tag, { ref, "data-arrived": animate ? "" : undefined, ...props }, children);
}
