"use client";
// CopyButton: copies a value (an API key shown once) and says so; when copying fails it asks the user to copy by hand.
import * as React from "react";
import { Check, Copy } from "lucide-react";

import { Button } from "@/components/ui/button";
import { copyText } from "./copy-text";

export function CopyButton({ value, label = "Copy", testId }: { value: string; label?: string; testId?: string }) {
  const [state, setState] = React.useState<"idle" | "copied" | "failed">("idle");
  React.useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);
  return (
    <>
      <Button
        variant="outline"
        size="sm"
        data-testid={testId}
        data-state={state}
        onClick={() => void copyText(value).then((ok) => setState(ok ? "copied" : "failed"))}
      >
        {state === "copied" ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
        {state === "copied" ? "Copied" : label}
      </Button>
      <span role="status" className="sr-only">
        {state === "copied" ? "Copied to the clipboard" : state === "failed" ? "Could not copy: select the key and copy it by hand" : ""}
      </span>
      {state === "failed" ? <span className="text-xs text-destructive">Select it and copy by hand.</span> : null}
    </>
  );
}
