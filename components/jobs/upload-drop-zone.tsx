"use client";
// Upload drop zone: the file picker (hidden input), a keyboard-operable drop area, and page-wide file dropping.
import * as React from "react";
import { CloudUpload, LoaderCircle } from "lucide-react";

import { DEFAULT_MAX_UPLOAD_BYTES } from "@/lib/api/jobs";
import { cn, formatBytes } from "@/lib/utils";

/** A hidden multi-file input and a function that opens it. */
export function useFilePicker(onFiles: (files: File[]) => void) {
  const inputRef = React.useRef<HTMLInputElement>(null);
  const open = React.useCallback(() => inputRef.current?.click(), []);
  const input = (
    <input
      ref={inputRef}
      type="file"
      multiple
      hidden
      tabIndex={-1}
      aria-hidden="true"
      data-testid="upload-input"
      onChange={(e) => {
        const files = [...(e.currentTarget.files ?? [])];
        // Reset so choosing the same file again fires `change` again.
        e.currentTarget.value = "";
        if (files.length > 0) onFiles(files);
      }}
    />
  );
  return { open, input };
}

/** Whether files are being dragged over `target` (counts enter/leave so children do not flicker it), and drop handling. */
export function useFileDrop(onFiles: (files: File[]) => void) {
  const [dragging, setDragging] = React.useState(false);
  const depth = React.useRef(0);
  const hasFiles = (e: React.DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes("Files");
  const handlers = {
    onDragEnter: (e: React.DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current += 1;
      setDragging(true);
    },
    onDragOver: (e: React.DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    },
    onDragLeave: (e: React.DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    },
    onDrop: (e: React.DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      const files = [...e.dataTransfer.files];
      if (files.length > 0) onFiles(files);
    },
  };
  return { dragging, handlers };
}

/** The drop area: drag files onto it, or focus it and press Enter or Space (or click) to pick files. */
export function UploadDropZone({
  onBrowse,
  dragging,
  uploading,
  large = false,
  title,
  className,
}: {
  onBrowse: () => void;
  /** Files are being dragged over the page. */
  dragging: boolean;
  /** Uploads in flight. */
  uploading: number;
  /** The big empty-state variant. */
  large?: boolean;
  title?: string;
  className?: string;
}) {
  const hintId = React.useId();
  return (
    <div
      role="button"
      tabIndex={0}
      aria-describedby={hintId}
      data-testid="upload-drop-zone"
      data-dragging={dragging || undefined}
      onClick={onBrowse}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          onBrowse();
        }
      }}
      className={cn(
        "group flex w-full cursor-pointer items-center gap-4 rounded-lg border border-dashed text-left outline-none transition-colors",
        "hover:border-foreground/30 hover:bg-accent/40 focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50",
        large ? "flex-col justify-center px-6 py-14 text-center" : "px-4 py-3",
        dragging && "border-solid border-sky-500 bg-sky-500/5",
        className,
      )}
    >
      <span
        className={cn(
          "flex shrink-0 items-center justify-center rounded-full bg-muted text-muted-foreground transition-colors group-hover:text-foreground",
          large ? "size-12" : "size-9",
          dragging && "bg-sky-500/15 text-sky-700 dark:text-sky-300",
        )}
      >
        {uploading > 0 ? (
          <LoaderCircle className={cn(large ? "size-6" : "size-4", "motion-safe:animate-spin")} aria-hidden="true" />
        ) : (
          <CloudUpload className={large ? "size-6" : "size-4"} aria-hidden="true" />
        )}
      </span>
      <span className="grid gap-0.5">
        <span className={cn("font-medium", large ? "text-base" : "text-sm")}>
          {dragging ? "Drop to upload" : (title ?? "Drop files here, or press to choose")}
        </span>
        <span id={hintId} className="text-xs text-muted-foreground">
          Several at once · any file up to {formatBytes(DEFAULT_MAX_UPLOAD_BYTES)} · text, Markdown, CSV, JSON, HTML and PDF are processed
        </span>
      </span>
    </div>
  );
}
