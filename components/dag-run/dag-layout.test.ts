// layoutDag: steps left to right after their dependencies, one edge per dependency, bad ones ignored.
import { describe, expect, it } from "vitest";
import { layoutDag, NODE_HEIGHT, NODE_WIDTH } from "./dag-layout";

const diamond = [
  { step_id: "extract", depends_on: [] },
  { step_id: "clean", depends_on: ["extract"] },
  { step_id: "audit", depends_on: ["extract"] },
  { step_id: "load", depends_on: ["clean", "audit"] },
];

describe("layoutDag", () => {
  it("puts every step right of the steps it depends on, and parallel steps in one column", () => {
    const { positions, edges } = layoutDag(diamond);
    const x = (id: string) => positions.get(id)!.x;
    const y = (id: string) => positions.get(id)!.y;
    expect(x("clean")).toBeGreaterThanOrEqual(x("extract") + NODE_WIDTH);
    expect(x("load")).toBeGreaterThanOrEqual(x("clean") + NODE_WIDTH);
    expect(x("clean")).toBe(x("audit"));
    expect(Math.abs(y("clean") - y("audit"))).toBeGreaterThanOrEqual(NODE_HEIGHT);
    expect(edges.map((e) => e.id).sort()).toEqual(["audit->load", "clean->load", "extract->audit", "extract->clean"]);
    expect(edges.find((e) => e.id === "extract->clean")).toEqual({ id: "extract->clean", source: "extract", target: "clean" });
  });

  it("gives the drawing's size with its margins, and never overlaps nodes", () => {
    const layout = layoutDag(diamond, { margin: 10 });
    const boxes = [...layout.positions.values()];
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(10);
      expect(b.y).toBeGreaterThanOrEqual(10);
      expect(b.x + NODE_WIDTH).toBeLessThanOrEqual(layout.width - 10 + 1);
      expect(b.y + NODE_HEIGHT).toBeLessThanOrEqual(layout.height - 10 + 1);
    }
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const apart = a.x + NODE_WIDTH <= b.x || b.x + NODE_WIDTH <= a.x || a.y + NODE_HEIGHT <= b.y || b.y + NODE_HEIGHT <= a.y;
        expect(apart).toBe(true);
      }
    }
  });

  it("ignores unknown and self dependencies and makes one edge of a repeated one", () => {
    const { positions, edges } = layoutDag([
      { step_id: "a", depends_on: ["ghost", "a"] },
      { step_id: "b", depends_on: ["a", "a"] },
    ]);
    expect([...positions.keys()]).toEqual(["a", "b"]);
    expect(edges).toEqual([{ id: "a->b", source: "a", target: "b" }]);
  });

  it("lays out steps without dependencies, and nothing at all", () => {
    const { positions, edges } = layoutDag([
      { step_id: "x", depends_on: [] },
      { step_id: "y", depends_on: [] },
    ]);
    expect(positions.size).toBe(2);
    expect(edges).toEqual([]);
    expect(positions.get("x")!.x).toBe(positions.get("y")!.x);
    expect(layoutDag([])).toEqual({ positions: new Map(), edges: [], width: 0, height: 0 });
  });

  it("is deterministic", () => {
    expect([...layoutDag(diamond).positions]).toEqual([...layoutDag(diamond).positions]);
  });
});
