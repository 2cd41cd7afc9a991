import { describe, expectTypeOf, it } from "vitest";
import {
  createTogetherClient,
  type TogetherClient,
  type TogetherDesiredState,
  type TogetherEndpoint,
  type TogetherEndpointList,
  type TogetherEndpointState,
  type TogetherHardwareList,
} from "./index.js";

declare const together: TogetherClient;

describe("@modelfleet/together types", () => {
  it("methods return the spec's types", () => {
    expectTypeOf(together.listEndpoints).returns.resolves.toEqualTypeOf<TogetherEndpointList>();
    expectTypeOf(together.getEndpoint).returns.resolves.toEqualTypeOf<TogetherEndpoint>();
    expectTypeOf(together.createEndpoint).returns.resolves.toEqualTypeOf<TogetherEndpoint>();
    expectTypeOf(together.updateEndpoint).returns.resolves.toEqualTypeOf<TogetherEndpoint>();
    expectTypeOf(together.deleteEndpoint).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf(together.listHardware).returns.resolves.toEqualTypeOf<TogetherHardwareList>();
    expectTypeOf(createTogetherClient).returns.toEqualTypeOf<TogetherClient>();
  });

  it("the state read is an open enum; the state written is closed to STARTED / STOPPED", () => {
    expectTypeOf<"STARTED" | "STOPPED" | "ERROR">().toExtend<TogetherEndpointState>();
    expectTypeOf<"DRAINING">().toExtend<TogetherEndpointState>();
    expectTypeOf<TogetherDesiredState>().toEqualTypeOf<"STARTED" | "STOPPED">();
  });

  it("a wrong path parameter is a compile error", () => {
    // @ts-expect-error: the parameter is endpointId
    together.getEndpoint({ endpoint_id: "endpoint-1" });
    // @ts-expect-error: endpointId is required
    together.deleteEndpoint({});
    // @ts-expect-error: path parameters are strings
    together.getEndpoint({ endpointId: 1 });
  });

  it("a wrong body field is a compile error", () => {
    together.updateEndpoint({ endpointId: "e", body: { autoscaling: { min_replicas: 1, max_replicas: 2 } } });
    together.updateEndpoint({ endpointId: "e", body: { state: "STOPPED", inactive_timeout: null } });
    // @ts-expect-error: only STARTED and STOPPED can be set
    together.updateEndpoint({ endpointId: "e", body: { state: "PAUSED" } });
    // @ts-expect-error: both bounds go together
    together.updateEndpoint({ endpointId: "e", body: { autoscaling: { min_replicas: 1 } } });
    // @ts-expect-error: Together's fields are min_replicas / max_replicas
    together.updateEndpoint({ endpointId: "e", body: { autoscaling: { min_replica: 1, max_replica: 2 } } });
    // @ts-expect-error: createEndpoint requires hardware and autoscaling
    together.createEndpoint({ body: { model: "x/y" } });
    // @ts-expect-error: updateEndpoint requires a body
    together.updateEndpoint({ endpointId: "e" });
  });

  it("query parameters are typed", () => {
    together.listEndpoints({ type: "dedicated", usage_type: "reserved", mine: true });
    // @ts-expect-error: type is dedicated or serverless
    together.listEndpoints({ type: "private" });
    // @ts-expect-error: mine is a boolean
    together.listEndpoints({ mine: "yes" });
    // @ts-expect-error: listHardware filters by model only
    together.listHardware({ gpu: "h100" });
  });
});
