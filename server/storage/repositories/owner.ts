// The SQL test "the instance that holds this row is gone": no owner, or an owner that stopped or has
// not sent a heartbeat for `staleMs` (judged by the database's clock, so instances' clocks may differ).
import { sql, type RawBuilder } from "kysely";

export function ownerGone(column: string, staleMs: number): RawBuilder<boolean> {
  const ref = sql.ref(column);
  return sql<boolean>`(${ref} is null or not exists (
    select 1 from instances i
    where i.instance_id = ${ref} and i.stopped_at is null and i.heartbeat_at > now() - make_interval(secs => ${staleMs / 1000}::double precision)
  ))`;
}
