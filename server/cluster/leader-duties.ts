// The duties one instance performs for the whole cluster (periodic producers, the market feed, the
// alert evaluator, taking up dead instances' work): started when this instance becomes leader and
// stopped, in reverse order, when it stops being leader.
import type { Logger } from "../log";
import type { LeaderElection } from "./leader-election";

export interface Duty {
  name: string;
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

export function assignLeaderDuties(election: LeaderElection, duties: readonly Duty[], log: Logger): () => void {
  let started: Duty[] = [];
  return election.onChange(async (leader) => {
    if (leader) {
      for (const duty of duties) {
        try {
          await duty.start();
          started.push(duty);
        } catch (err) {
          log.error({ err, duty: duty.name }, "a leader duty failed to start");
        }
      }
    } else {
      for (const duty of started.reverse()) await duty.stop().catch((err: unknown) => log.error({ err, duty: duty.name }, "a leader duty failed to stop"));
      started = [];
    }
  });
}
