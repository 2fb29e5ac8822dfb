// PeerSockets: the other instances' sockets are their reports corrected by what was heard on the bus
// since, so an admin on one instance sees a socket opened or closed on another at once.
import { afterEach, describe, expect, it } from "vitest";
import type { AdminConnection } from "@/lib/protocol/entities/admin";
import { createMemoryBus } from "../bus/memory-bus";
import type { Bus } from "../bus/bus";
import { createPeerSockets, type PeerReport, type PeerSockets } from "./peer-sockets";

const HERE = "inst_here";
const THERE = "inst_there";

function socket(clientId: string, version = 1, instanceId = THERE, messagesOut = 0): AdminConnection {
  return {
    client_id: clientId,
    instance_id: instanceId,
    kind: "browser",
    user_id: "usr_1",
    email: "a@x.io",
    role: "user",
    api_key_id: null,
    api_key_name: null,
    user_agent: null,
    address: "127.0.0.1",
    topics: ["jobs"],
    connected_at: "2026-12-01T10:00:00.000Z",
    messages_in: 1,
    messages_out: messagesOut,
    buffer_bytes: 0,
    last_seen_at: "2026-12-01T10:00:00.000Z",
    resyncs_served: 0,
    version,
  };
}

let view: PeerSockets;
let bus: Bus;
let reports: PeerReport[];
let clock: number;

function start(bridgeMs = 30_000) {
  bus = createMemoryBus();
  reports = [{ instance_id: THERE, connections: [] }];
  clock = 0;
  view = createPeerSockets({ bus, instanceId: HERE, reports: async () => reports, bridgeMs, now: () => clock });
}

const opened = (c: AdminConnection) => bus.publish({ topic: "admin", type: "admin_connection_opened", data: c, ephemeral: false });
const updated = (c: AdminConnection) => bus.publish({ topic: "admin", type: "admin_connection_updated", data: c, ephemeral: true });
const closed = (clientId: string, instanceId = THERE) =>
  bus.publish({
    topic: "admin",
    type: "admin_connection_closed",
    data: { client_id: clientId, instance_id: instanceId, user_id: "usr_1", api_key_id: null, closed_at: "2026-12-01T10:01:00.000Z", code: 1000, reason: "" },
    ephemeral: false,
  });
const ids = async () => (await view.list()).map((c) => c.client_id).sort();

afterEach(async () => {
  view.close();
  await bus.close();
});

describe("the other instances' sockets", () => {
  it("lists what the reports list", async () => {
    start();
    reports[0]!.connections = [socket("c1"), socket("c2")];
    expect(await ids()).toEqual(["c1", "c2"]);
  });

  it("lists a socket opened since the last report at once, and drops one closed since", async () => {
    start();
    reports[0]!.connections = [socket("c1")];
    await opened(socket("c2"));
    expect(await ids()).toEqual(["c1", "c2"]);
    await closed("c1");
    expect(await ids()).toEqual(["c2"]);
  });

  it("never brings back a closed socket through a late update or a report built before the close", async () => {
    start();
    await opened(socket("c1"));
    await closed("c1");
    await updated(socket("c1", 2));
    reports[0]!.connections = [socket("c1")];
    expect(await ids()).toEqual([]);
  });

  it("keeps the newer copy: a heard update over an older report, the report over an equal heard copy", async () => {
    start();
    reports[0]!.connections = [socket("c1", 1, THERE, 5)];
    await updated(socket("c1", 2, THERE, 9));
    expect((await view.list())[0]!.messages_out).toBe(9);
    reports[0]!.connections = [socket("c1", 2, THERE, 12)];
    expect((await view.list())[0]!.messages_out).toBe(12);
    await updated(socket("c1", 1, THERE, 3));
    expect((await view.list())[0]!.messages_out).toBe(12);
  });

  it("ignores this instance's own sockets and forgets an instance that is no longer alive", async () => {
    start();
    await opened(socket("mine", 1, HERE));
    await opened(socket("c1"));
    expect(await ids()).toEqual(["c1"]);
    reports = [];
    expect(await ids()).toEqual([]);
  });

  it("leaves it to the reports once what was heard is older than the bridge (a close that was never heard)", async () => {
    start(1_000);
    await opened(socket("c1"));
    expect(await ids()).toEqual(["c1"]);
    clock = 1_001;
    expect(await ids()).toEqual([]);
    // And a close heard long ago no longer hides a socket that a report lists (a reused id is not expected; the report is the truth).
    await closed("c2");
    clock = 2_002;
    reports[0]!.connections = [socket("c2")];
    expect(await ids()).toEqual(["c2"]);
  });
});
