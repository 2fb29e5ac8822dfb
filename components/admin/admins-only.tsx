// AdminsOnly: what a signed-in user who is not an admin sees at /admin (the API answers them 403).
import Link from "next/link";
import { ShieldAlert } from "lucide-react";

import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export function AdminsOnly() {
  return (
    <div className="grid gap-6" data-testid="admins-only">
      <h1 className="sr-only">Admin console</h1>
      <EmptyState
        icon={ShieldAlert}
        title="Admins only"
        description="The admin console shows every connection, user and API key. Ask an admin if you need something from it."
        className="py-16"
        action={
          <Button asChild variant="outline" size="sm">
            <Link href="/">Back to the overview</Link>
          </Button>
        }
      />
    </div>
  );
}
