// @vitest-environment jsdom
// useEntityList/useEntityDetail: fetched pages merged with pushes, flattened items, next pages by cursor.
import { afterEach, describe, expect, it } from "vitest";
import * as React from "react";
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { Job } from "@/lib/protocol/entities/jobs";
import { ev, iso, makeJob } from "@/lib/realtime/testing/fixtures";
import type { Page } from "../collections";
import { queryKeys } from "../keys";
import { applyEvent } from "../patchers";
import { useEntityDetail, useEntityList } from "./use-entity-query";

afterEach(cleanup);

const pages: Record<string, Page<Job>> = {
  first: { items: [makeJob({ job_id: "a", created_at: iso(30) })], next_cursor: "c1" },
  c1: { items: [makeJob({ job_id: "b", created_at: iso(10) })], next_cursor: null },
};

function Jobs() {
  const list = useEntityList<Job>(queryKeys.jobs.list(), async ({ cursor }) => pages[cursor ?? "first"]!);
  return (
    <div>
      <p data-testid="ids">{list.items.map((j) => j.job_id).join(",")}</p>
      <button onClick={() => void list.fetchNextPage()} disabled={!list.hasNextPage}>
        more
      </button>
    </div>
  );
}

function Detail() {
  const q = useEntityDetail<Job>(queryKeys.jobs.detail("a"), async () => makeJob({ job_id: "a", progress: 10, version: 1 }));
  return <p data-testid="detail">{q.data ? `${q.data.progress}` : "loading"}</p>;
}

describe("useEntityList / useEntityDetail", () => {
  it("shows fetched pages, then pushed changes, and loads the next page by cursor", async () => {
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={qc}>
        <Jobs />
        <Detail />
      </QueryClientProvider>,
    );
    await waitFor(() => expect(screen.getByTestId("ids").textContent).toBe("a"));
    await waitFor(() => expect(screen.getByTestId("detail").textContent).toBe("10"));
    act(() => {
      applyEvent(qc, ev("processing_job_created", "jobs", makeJob({ job_id: "n", created_at: iso(40) })));
      applyEvent(qc, ev("processing_job_status", "jobs", makeJob({ job_id: "a", created_at: iso(30), progress: 55, version: 2 })));
    });
    await waitFor(() => expect(screen.getByTestId("ids").textContent).toBe("n,a"));
    await waitFor(() => expect(screen.getByTestId("detail").textContent).toBe("55"));
    act(() => screen.getByText("more").click());
    await waitFor(() => expect(screen.getByTestId("ids").textContent).toBe("n,a,b"));
  });
});
