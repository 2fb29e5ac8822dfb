"use client";
// DashboardShell: the signed-in frame (realtime socket, sidebar, header, announcements, main landmark) around every dashboard page.
import * as React from "react";

import { RealtimeProvider } from "@/lib/realtime/provider";
import { AnnouncementBanner } from "./announcement-banner";
import { Header } from "./header";
import { Sidebar } from "./sidebar";
import { MAIN_CONTENT_ID, SkipLink } from "./skip-link";

export function DashboardShell({ children }: { children: React.ReactNode }) {
  return (
    <RealtimeProvider>
      <SkipLink />
      <div className="flex min-h-dvh">
        <Sidebar />
        <div className="flex min-w-0 flex-1 flex-col">
          <Header />
          <AnnouncementBanner />
          <main id={MAIN_CONTENT_ID} tabIndex={-1} className="flex-1 outline-none">
            <div className="mx-auto w-full max-w-7xl px-4 py-6 md:px-8 md:py-8">{children}</div>
          </main>
        </div>
      </div>
    </RealtimeProvider>
  );
}
