// Loading UI of /system while the route's code arrives.
import { SystemPageSkeleton } from "@/components/system/system-page-skeleton";

export default function Loading() {
  return <SystemPageSkeleton />;
}
