// The error state of a query: what went wrong in words, and a "Try again" that refetches.
import { RefreshCw, TriangleAlert } from "lucide-react";
import { isApiError } from "@/lib/query/fetchers";
import { cn } from "@/lib/utils";
import { Alert, AlertDescription, AlertTitle } from "./alert";
import { Button } from "./button";

/** The API's message, or "unreachable" for a network failure. */
export function describeError(error: unknown): string {
  return isApiError(error) ? error.message : "The server could not be reached.";
}

export function RetryButton({ onRetry, busy, className }: { onRetry: () => void; busy: boolean; className?: string }) {
  return (
    <Button variant="outline" size="sm" className={className} onClick={onRetry} disabled={busy}>
      <RefreshCw className={cn(busy && "motion-safe:animate-spin")} aria-hidden="true" />
      Try again
    </Button>
  );
}

/** A destructive alert for a query that failed with nothing to show. */
export function QueryErrorAlert({ title, error, onRetry, busy, testId }: { title: string; error: unknown; onRetry: () => void; busy: boolean; testId?: string }) {
  return (
    <Alert variant="destructive" data-testid={testId}>
      <TriangleAlert aria-hidden="true" />
      <AlertTitle>{title}</AlertTitle>
      <AlertDescription>
        <p>{describeError(error)}</p>
        <RetryButton onRetry={onRetry} busy={busy} className="mt-2 text-foreground" />
      </AlertDescription>
    </Alert>
  );
}
