// The React context that carries the tab's realtime client (undefined: no provider; null: not yet created).
import { createContext } from "react";
import type { RealtimeClient } from "./client";

export const RealtimeContext = createContext<RealtimeClient | null | undefined>(undefined);
RealtimeContext.displayName = "RealtimeContext";
