// /login: the sign-in page (a centered card). The form reads ?next= on the client, inside Suspense.
import type { Metadata } from "next";
import { Suspense } from "react";

import { LoginForm } from "@/components/auth/login-form";
import { LoginFormSkeleton } from "@/components/auth/login-form-skeleton";
import { BrandMark } from "@/components/shell/brand";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Sign in" };

export default function LoginPage() {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-muted/40 px-4 py-12 dark:bg-background">
      <div className="flex w-full max-w-sm flex-col items-center gap-6">
        <div className="flex items-center gap-2 text-lg font-semibold tracking-tight">
          <BrandMark className="size-7" />
          <span>Switchboard</span>
        </div>
        <Card className="w-full">
          <CardHeader>
            <h1 className="text-xl font-semibold leading-none">Sign in</h1>
            <CardDescription>Use your Switchboard account to open the dashboard.</CardDescription>
          </CardHeader>
          <CardContent>
            <Suspense fallback={<LoginFormSkeleton />}>
              <LoginForm />
            </Suspense>
          </CardContent>
        </Card>
      </div>
    </main>
  );
}
