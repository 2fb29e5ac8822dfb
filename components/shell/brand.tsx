// Brand: the product mark and name, linking to the overview.
import Link from "next/link";

import { cn } from "@/lib/utils";

export function Brand({ className, onNavigate }: { className?: string; onNavigate?: () => void }) {
  return (
    <Link
      href="/"
      onClick={onNavigate}
      className={cn(
        "flex items-center gap-2 rounded-md px-2 py-1 font-semibold tracking-tight outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50",
        className,
      )}
    >
      <BrandMark className="size-6" />
      <span>Switchboard</span>
    </Link>
  );
}

/** The square logo (same drawing as public/favicon.svg), decorative. */
export function BrandMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" fill="none" aria-hidden="true" className={className}>
      <rect width="32" height="32" rx="7" className="fill-foreground" />
      <g strokeWidth="2.5" strokeLinecap="round" className="stroke-background">
        <path d="M9 10h6M9 16h14M9 22h9" />
      </g>
      <circle cx="21" cy="10" r="2.5" fill="#22c55e" />
      <circle cx="23" cy="22" r="2.5" fill="#f59e0b" />
    </svg>
  );
}
