// The bench's reference: a bare `ws` broadcast server. POST /publish takes the same JSON array as
// POST /api/events and sends every event, serialized once, to every connected client: the fan-out
// with nothing around it (no auth, validation, storage or topics). BENCH_REF_TUNED=1 serializes each
// event to a Buffer and corks every socket for the request, as the hub does.
import http from "node:http";
import type { Socket } from "node:net";
import { WebSocket, WebSocketServer } from "ws";

const port = Number(process.env.PORT ?? 0);
const tuned = process.env.BENCH_REF_TUNED === "1";
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });

interface Incoming {
  type: string;
  topic: string;
  data: unknown;
}

function broadcast(events: Incoming[]): void {
  const sockets = tuned ? [...wss.clients].map((ws) => (ws as unknown as { _socket: Socket })._socket) : [];
  for (const socket of sockets) socket.cork();
  for (const e of events) {
    const json = JSON.stringify({ type: e.type, topic: e.topic, ts: new Date().toISOString(), data: e.data });
    const frame = tuned ? Buffer.from(json) : json;
    for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(frame);
  }
  for (const socket of sockets) socket.uncork();
}

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/health") {
    res.end("ok");
    return;
  }
  if (req.method !== "POST" || req.url !== "/publish") {
    res.statusCode = 404;
    res.end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      res.statusCode = 400;
      res.end();
      return;
    }
    const events = (Array.isArray(body) ? body : [body]) as Incoming[];
    broadcast(events);
    res.statusCode = 202;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ accepted: events.length }));
  });
});

server.on("upgrade", (req, socket, head) => {
  socket.on("error", () => socket.destroy());
  wss.handleUpgrade(req, socket, head, (ws) => ws.on("error", () => ws.terminate()));
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => process.stdout.write(`reference listening on ${port}\n`));

const stop = () => {
  for (const client of wss.clients) client.terminate();
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
