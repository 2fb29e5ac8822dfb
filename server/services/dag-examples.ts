// The example DAGs seeded on an empty database: a diamond that processes a real document, and a
// service check whose flaky step shows retries and upstream failures.
import type { DagDefinitionInput } from "./dags";

export function exampleDags(baseUrl: string): (DagDefinitionInput & { dagId: string })[] {
  return [
    {
      dagId: "report-pipeline",
      name: "Report pipeline",
      description: "Prepares, processes a report through the agents, audits it in parallel, and tells you when both are done.",
      steps: [
        { step_id: "prepare", depends_on: [], operator: "delay", params: { ms: 800 }, retries: 0 },
        {
          step_id: "process_report",
          depends_on: ["prepare"],
          operator: "process_file",
          params: {
            filename: "weekly-report.txt",
            content:
              "Weekly operations report. Acme Corporation moved its data centre from Frankfurt to Dublin on Monday. " +
              "The migration took six hours and no customer noticed. Maria Costa led the team. " +
              "Next week the team will retire the old cluster in Frankfurt.",
          },
          retries: 1,
          timeout_s: 120,
        },
        { step_id: "audit", depends_on: ["prepare"], operator: "delay", params: { ms: 1500 }, retries: 0 },
        {
          step_id: "announce",
          depends_on: ["process_report", "audit"],
          operator: "notify",
          params: { title: "Weekly report processed", message: "The report pipeline finished; its document is in Knowledge.", level: "success" },
          retries: 0,
        },
      ],
    },
    {
      dagId: "service-check",
      name: "Service check",
      description: "Checks that the API refuses anonymous callers, waits, then runs a step that always fails: watch it retry and stop the steps below it.",
      steps: [
        { step_id: "api_guard", depends_on: [], operator: "http_request", params: { method: "GET", url: `${baseUrl}/api/health`, expected_status: 401 }, retries: 1, timeout_s: 10 },
        { step_id: "settle", depends_on: ["api_guard"], operator: "delay", params: { ms: 1000 }, retries: 0 },
        { step_id: "flaky_dependency", depends_on: ["settle"], operator: "fail", params: { message: "the upstream service did not answer (simulated)" }, retries: 2 },
        { step_id: "report", depends_on: ["flaky_dependency"], operator: "notify", params: { title: "Service check passed" }, retries: 0 },
      ],
    },
  ];
}
