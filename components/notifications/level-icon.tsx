// NotificationLevelIcon: the icon and colour of a notification or announcement level (info, success, warning, error).
import type { LucideIcon } from "lucide-react";
import { CircleCheck, CircleX, Info, TriangleAlert } from "lucide-react";

import type { NotificationLevel } from "@/lib/protocol/entities/notifications";
import { cn } from "@/lib/utils";

export const LEVEL_ICONS: Record<NotificationLevel, LucideIcon> = {
  info: Info,
  success: CircleCheck,
  warning: TriangleAlert,
  error: CircleX,
};

export const LEVEL_TEXT: Record<NotificationLevel, string> = {
  info: "text-sky-700 dark:text-sky-300",
  success: "text-success",
  warning: "text-warning",
  error: "text-destructive",
};

export const LEVEL_LABELS: Record<NotificationLevel, string> = {
  info: "Info",
  success: "Success",
  warning: "Warning",
  error: "Error",
};

export function NotificationLevelIcon({ level, className }: { level: NotificationLevel; className?: string }) {
  const Icon = LEVEL_ICONS[level] ?? Info;
  return <Icon className={cn("size-4 shrink-0", LEVEL_TEXT[level] ?? LEVEL_TEXT.info, className)} aria-hidden="true" />;
}
