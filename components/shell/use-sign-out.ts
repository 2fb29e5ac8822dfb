"use client";
// useSignOut: POST /api/auth/logout, then go to /login (which drops the previous user's cached queries).
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";

import { apiFetch, isApiError } from "@/lib/query/fetchers";

export function useSignOut() {
  const router = useRouter();
  return useMutation({
    mutationFn: async () => {
      try {
        await apiFetch<void>("/api/auth/logout", { method: "POST" });
      } catch (error) {
        // 401: the session was already gone, which is signed out all the same.
        if (!(isApiError(error) && error.status === 401)) throw error;
      }
    },
    onSuccess: () => router.replace("/login"),
    onError: (error) => {
      toast.error("Could not sign out", { description: error instanceof Error ? error.message : undefined });
    },
  });
}
