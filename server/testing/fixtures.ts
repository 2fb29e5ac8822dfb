// Test support: valid catalog events to publish (a job in a given version, a quote, an announcement).
import type { Job } from "@/lib/protocol/entities/jobs";
import { makeJob } from "@/lib/realtime/testing/fixtures";
import type { PublishInput } from "../bus/bus";

export function jobEvent(jobId: string, version: number, extra: Partial<Job> = {}): PublishInput {
  const now = new Date().toISOString();
  return {
    type: "processing_job_status",
    topic: `jobs:${jobId}`,
    ephemeral: false,
    data: makeJob({ job_id: jobId, status: "processing", progress: Math.min(100, version), current_step: "text_extraction", created_at: now, started_at: now, version, ...extra }),
  };
}

export function jobsListEvent(jobId: string, version: number): PublishInput {
  return { ...jobEvent(jobId, version), topic: "jobs" };
}

export function quoteEvent(ticker: string, price: number): PublishInput {
  return {
    type: "market_data",
    topic: `market:${ticker}`,
    ephemeral: true,
    data: { ticker, price, change: 0, change_percent: 0, volume: 100, timestamp: new Date().toISOString() },
  };
}

export function announcementEvent(message: string): PublishInput {
  return { type: "system_announcement", topic: "announcements", ephemeral: false, data: { message, level: "info" } };
}

export function notificationEvent(userId: string, id: string): PublishInput {
  return {
    type: "notification",
    topic: `user:${userId}`,
    ephemeral: false,
    data: { id, user_id: userId, title: "Job done", message: "a.txt finished", level: "success", link: null, read_at: null, created_at: new Date().toISOString(), version: 1 },
  };
}
