// Formatting of market figures: prices, signed changes and percents, volumes.
const price = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signed = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 2 });

export function formatPrice(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : price.format(value);
}

export function formatChange(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : signed.format(value);
}

export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${signed.format(value)}%`;
}

export function formatVolume(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : compact.format(value);
}

/** Tailwind text colour of a move: green up, red down (contrast-checked in both themes). */
export function moveClass(value: number | null | undefined): string {
  if (!value) return "text-muted-foreground";
  return value > 0 ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400";
}
