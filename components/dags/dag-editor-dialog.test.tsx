// @vitest-environment jsdom
// Tests of the DAG editor as a user meets it: problems listed with their paths as they type, the
// server's 400 issues shown the same way (the editor stays open with the draft), and an edit that
// closes at once and reopens with the server's issues when refused.
import * as React from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { DagEditorDialog, type EditorTarget } from "./dag-editor-dialog";
import { makeDag } from "./dag-fixtures";
import { formatSteps } from "./dag-format";

vi.mock("sonner", () => ({ toast: Object.assign(vi.fn(), { error: vi.fn(), success: vi.fn(), info: vi.fn() }) }));

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function renderEditor(target: EditorTarget, answer: () => Response) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const sent: Array<{ url: string; method: string; body: unknown }> = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    sent.push({ url, method: String(init.method), body: JSON.parse(String(init.body)) });
    return answer();
  });
  function Harness() {
    const [open, setOpen] = React.useState(true);
    return (
      <QueryClientProvider client={qc}>
        <DagEditorDialog target={target} open={open} onOpenChange={setOpen} />
        <span data-testid="open-state">{open ? "open" : "closed"}</span>
      </QueryClientProvider>
    );
  }
  render(<Harness />);
  return { sent, steps: () => screen.getByLabelText("Steps (JSON)") as HTMLTextAreaElement };
}

const problems = () => screen.queryAllByTestId("dag-steps-problem").map((p) => p.textContent);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("DagEditorDialog", () => {
  it("lists each problem with its path as the steps are typed", async () => {
    const { steps } = renderEditor({ mode: "create" }, () => json(500, {}));
    expect(screen.getByText("The steps are valid.")).toBeTruthy();
    fireEvent.change(steps(), {
      target: {
        value: formatSteps([
          { step_id: "extract", operator: "delay", depends_on: [], params: { ms: 5 }, retries: 0 },
          { step_id: "load", operator: "delay", depends_on: ["x"], params: { ms: 5 }, retries: 0 },
        ]),
      },
    });
    await waitFor(() => expect(problems()).toEqual(['steps[1].depends_on[0]: unknown step "x" (step “load”)']));
    expect(steps().getAttribute("aria-invalid")).toBe("true");

    fireEvent.change(steps(), { target: { value: "[\n  {,\n]" } });
    await waitFor(() => expect(problems()).toEqual(["JSON, line 2 column 4: Property names need double quotes: unexpected ','"]));

    // A click on a problem selects it in the JSON.
    fireEvent.click(screen.getByRole("button", { name: /JSON, line 2 column 4/ }));
    expect(document.activeElement).toBe(steps());
    expect(steps().selectionStart).toBe(5);
  });

  it("keeps the editor open with the server's 400 issues beside the JSON", async () => {
    const { sent, steps } = renderEditor({ mode: "create" }, () =>
      json(400, { error: { code: "invalid_request", message: "Invalid request", issues: [{ path: "steps.1.params.filename", message: "already taken on this server" }] } }),
    );
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Nightly" } });
    fireEvent.click(screen.getByRole("button", { name: "Create DAG" }));
    await waitFor(() => expect(problems()).toEqual(["steps[1].params.filename: already taken on this server (step “process”)"]));
    expect(sent).toMatchObject([{ url: "/api/dags", method: "POST", body: { name: "Nightly", description: null } }]);
    expect(screen.getByTestId("open-state").textContent).toBe("open");
    // Editing the text clears the server's verdict (it was about the text as sent).
    fireEvent.change(steps(), { target: { value: steps().value.replace('"report.txt"', '"other.txt"') } });
    await waitFor(() => expect(problems()).toEqual([]));
  });

  it("closes at once when saving an edit, and reopens with the draft and the server's issues when refused", async () => {
    let answer!: (r: Response) => void;
    const dag = makeDag({ dag_id: "etl", name: "ETL" });
    const qc = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
    vi.stubGlobal("fetch", () => new Promise<Response>((resolve) => (answer = resolve)));
    function Harness() {
      const [open, setOpen] = React.useState(true);
      return (
        <QueryClientProvider client={qc}>
          <DagEditorDialog target={{ mode: "edit", dag }} open={open} onOpenChange={setOpen} />
          <span data-testid="open-state">{open ? "open" : "closed"}</span>
        </QueryClientProvider>
      );
    }
    render(<Harness />);
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "ETL v2" } });
    fireEvent.click(screen.getByRole("button", { name: "Save changes" }));
    expect(screen.getByTestId("open-state").textContent).toBe("closed");
    await waitFor(() => expect(answer).toBeTypeOf("function"));
    await act(async () =>
      answer(json(400, { error: { code: "invalid_request", message: "Invalid request", issues: [{ path: "steps.0.params.ms", message: "too long for this server" }] } })),
    );
    await waitFor(() => expect(screen.getByTestId("open-state").textContent).toBe("open"));
    const dialog = screen.getByTestId("dag-editor-dialog");
    expect((within(dialog).getByLabelText("Name") as HTMLInputElement).value).toBe("ETL v2");
    expect(problems()).toEqual(["steps[0].params.ms: too long for this server (step “extract”)"]);
  });
});
