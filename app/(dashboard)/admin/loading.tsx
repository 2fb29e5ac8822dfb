// Loading UI of /admin while the route's code arrives.
import { AdminPageSkeleton } from "@/components/admin/admin-page-skeleton";

export default function Loading() {
  return <AdminPageSkeleton />;
}
