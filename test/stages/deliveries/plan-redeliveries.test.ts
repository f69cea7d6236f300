import { describe, expect, it } from "vitest";
import { MAX_REDELIVERIES, planRedeliveries } from "../../../src/stages/deliveries/plan-redeliveries.js";
import type { FailedDelivery } from "../../../src/stages/deliveries/read-failed-deliveries.js";

const failed = (n: number, overrides: Partial<FailedDelivery> = {}): FailedDelivery => ({
  id: 1000 + n,
  guid: `guid-${n}`,
  event: "pull_request",
  action: "closed",
  deliveredAt: new Date(Date.UTC(2026, 11, 7, 0, n)).toISOString(),
  statusCode: 502,
  ...overrides,
});

describe("planRedeliveries", () => {
  it("asks for each failed delivery once, by its newest attempt's id, in the order they happened", () => {
    expect(planRedeliveries([failed(1), failed(2, { event: "push", action: null })])).toEqual([
      { kind: "redeliver", key: "redeliver:guid-1", deliveryId: 1001, guid: "guid-1", event: "pull_request.closed" },
      { kind: "redeliver", key: "redeliver:guid-2", deliveryId: 1002, guid: "guid-2", event: "push" },
    ]);
  });

  it(`asks for at most ${MAX_REDELIVERIES} in one run; the next run takes the rest`, () => {
    const many = Array.from({ length: MAX_REDELIVERIES + 20 }, (_, i) => failed(i));
    const planned = planRedeliveries(many);
    expect(planned).toHaveLength(MAX_REDELIVERIES);
    expect(planned[0]).toMatchObject({ guid: "guid-0" });
  });

  it("plans nothing when every delivery arrived", () => {
    expect(planRedeliveries([])).toEqual([]);
  });
});
