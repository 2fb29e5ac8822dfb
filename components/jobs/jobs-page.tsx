"use client";
// JobsPage: the /jobs body: upload (button, drop zone, page-wide drop), filters in the URL, and the live
// virtualised table with its loading, empty and error states.
import * as React from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { SortingState } from "@tanstack/react-table";
import { SearchX, Upload } from "lucide-react";

import { PageHeader } from "@/components/shell/page-header";
import { QueryErrorAlert } from "@/components/ui/query-error";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { isApiError } from "@/lib/query/fetchers";
import { useJobsList, useUploadJobs, type JobFilters } from "@/lib/query/hooks/use-jobs";
import { topics } from "@/lib/protocol/topics";
import { useTopic } from "@/lib/realtime/hooks";
import { JobActionsProvider } from "./job-actions";
import { filtersFromSearch, filtersToSearch, JobsFilters } from "./jobs-filters";
import { DEFAULT_SORTING, JobsTable, JobsTableSkeleton } from "./jobs-table";
import { NowProvider } from "./now-context";
import { UploadDropZone, useFileDrop, useFilePicker } from "./upload-drop-zone";

export function JobsPage() {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const filters = React.useMemo(() => filtersFromSearch(new URLSearchParams(search.toString())), [search]);
  const setFilters = React.useCallback(
    (next: JobFilters) => router.replace(`${pathname}${filtersToSearch(next)}`, { scroll: false }),
    [router, pathname],
  );
  const [sorting, setSorting] = React.useState<SortingState>(DEFAULT_SORTING);

  useTopic(topics.jobs());
  const list = useJobsList(filters);
  const { upload, inFlight } = useUploadJobs();
  const onFiles = React.useCallback((files: File[]) => void upload(files), [upload]);
  const picker = useFilePicker(onFiles);
  const drop = useFileDrop(onFiles);
  const filtered = (filters.status?.length ?? 0) + (filters.type?.length ?? 0) > 0;

  let body: React.ReactNode;
  if (list.isPending) {
    body = <JobsTableSkeleton />;
  } else if (list.isError && list.items.length === 0) {
    body = (
      <QueryErrorAlert title="Could not load jobs" error={list.error} onRetry={() => void list.refetch()} busy={list.isFetching} testId="jobs-error" />
    );
  } else if (list.items.length === 0) {
    body = filtered ? (
      <EmptyState
        icon={SearchX}
        title="No jobs match these filters"
        description="Jobs that match appear here as soon as they are created or change status."
        action={
          <Button variant="outline" size="sm" onClick={() => setFilters({})}>
            Clear filters
          </Button>
        }
        data-testid="jobs-empty-filtered"
      />
    ) : (
      <UploadDropZone
        large
        title="No jobs yet — drop files here"
        onBrowse={picker.open}
        dragging={drop.dragging}
        uploading={inFlight}
        className="min-h-72"
      />
    );
  } else {
    body = (
      <div className="grid gap-2">
        {list.isError ? (
          <p role="status" className="text-xs text-destructive">
            Loading more jobs failed: {isApiError(list.error) ? list.error.message : "the server could not be reached"}.
          </p>
        ) : null}
        <JobsTable
          rows={list.items}
          sorting={sorting}
          onSortingChange={setSorting}
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          fetchNextPage={() => void list.fetchNextPage()}
        />
      </div>
    );
  }

  return (
    <JobActionsProvider>
      <NowProvider>
        <div className="relative grid gap-6" {...drop.handlers} data-testid="jobs-page">
          <PageHeader
            title="Jobs"
            description="Upload documents and follow their processing live: text, summary, entities and insights."
            actions={
              <Button onClick={picker.open} data-testid="upload-button">
                <Upload aria-hidden="true" />
                Upload files
              </Button>
            }
          />
          {picker.input}
          <span className="sr-only" aria-live="polite">
            {inFlight > 0 ? `Uploading ${inFlight} ${inFlight === 1 ? "file" : "files"}` : ""}
          </span>
          {/* Once loaded: the compact zone above a list (or filters); an empty list is itself the big drop zone. */}
          {!list.isPending && (list.items.length > 0 || filtered) ? (
            <UploadDropZone onBrowse={picker.open} dragging={drop.dragging} uploading={inFlight} />
          ) : null}
          <div className="grid gap-3">
            <JobsFilters value={filters} onChange={setFilters} />
            {body}
          </div>
        </div>
      </NowProvider>
    </JobActionsProvider>
  );
}
