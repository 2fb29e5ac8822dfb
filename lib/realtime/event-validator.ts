// The default event validator of the realtime client: the protocol catalog's `validateEnvelope`.
import { validateEnvelope, type CatalogEvent } from "@/lib/protocol/events";
import type { EventValidator } from "./validate";

/** What the client hands to listeners: a catalog event, discriminated by `type`. */
export type RealtimeEvent = CatalogEvent;

export const defaultEventValidator: EventValidator<RealtimeEvent> = validateEnvelope;
