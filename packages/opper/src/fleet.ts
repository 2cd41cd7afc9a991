// `@modelfleet/opper/fleet`: Opper as a provider of the `modelfleet` facade, next to the generated client and
// not part of the main entry. Scaffolded by modelfleet-codegen with every operation answering a TODO error: fill in
// each TODO (CONTRIBUTING.md, "Adding a provider", walks through it), then make src/fleet.test.ts pass.
import {
  type Capabilities,
  checkSegment,
  connectProvider,
  type FleetProvider,
  type ModelVersion,
  type StatusTable,
} from "@modelfleet/runtime/fleet";
import { type OpperClient, type OpperClientOptions, opperProvider, createOpperClient } from "./generated/index.js";

/** `opper:<id>`: a Opper version. TODO: the provider's real form, e.g. `opper:${string}@${string}`. */
export type OpperVersionRef = `opper:${string}`;
/** `opper:<model>`: a Opper model, whose versions can be listed. TODO: the real form. */
export type OpperModelRef = `opper:${string}`;

/**
 * The generated type(s) a version is read from. TODO: the response type(s) of the operations the adapter calls
 * (e.g. `OpperDeployment` from `./generated/index.js`), so that renaming a field in the spec breaks this file.
 */
export type OpperRawVersion = Record<string, never>;

/** What Opper brings into a fleet (see `ProviderTypes`). TODO: set each capability to what the adapter implements. */
export interface OpperFleetTypes {
  id: "opper";
  client: OpperClient;
  versionRef: OpperVersionRef;
  modelRef: OpperModelRef;
  versionParts: { id: string };
  modelParts: { model: string };
  raw: OpperRawVersion;
  capabilities: Capabilities & { getVersion: true; listVersions: false; listDeployments: false; scale: false };
}

/** A normalized Opper version. */
export type OpperFleetVersion = ModelVersion<"opper", OpperVersionRef, OpperRawVersion>;

/** Opper as a fleet provider. */
export type OpperFleetProvider = FleetProvider<OpperFleetTypes>;

/** Opper's status words → `VersionStatus`. TODO: one row per status the spec documents. */
export const OPPER_STATUS: StatusTable = {};

function todo(what: string): never {
  throw new Error(`TODO(opper fleet adapter): ${what}`);
}

/** Normalizes a Opper object; never throws, whatever it really is. TODO: read it with `received` and the readers. */
export function normalizeOpperVersion(_raw: OpperRawVersion, _requested?: string): OpperFleetVersion {
  return todo("normalizeOpperVersion: map the generated object to a ModelVersion (ref, model, version, status, times, scaling, replicas, hardware)");
}

/**
 * Opper for `createFleet({ providers: [opper()] })`. Without options it is configured when `OPPER_API_KEY` is set;
 * with options (e.g. `{ apiKey, baseUrl }`) the client is created by `createFleet`.
 */
export function opper(options?: OpperClientOptions): OpperFleetProvider {
  return {
    id: "opper",
    capabilities: { getVersion: true, listVersions: false, listDeployments: false, scale: false },
    unsupported: {
      listVersions: "TODO(opper fleet adapter): not written yet",
      listDeployments: "TODO(opper fleet adapter): not written yet",
      scale: "TODO(opper fleet adapter): not written yet",
    },
    versionRef: {
      form: "opper:<id>",
      parse(rest, bad) {
        checkSegment(rest, "id", bad);
        return todo("versionRef: the parts of a version reference (parse and format, and the form shown in errors)");
      },
      format: () => todo("versionRef.format"),
    },
    modelRef: {
      form: "opper:<model>",
      parse: () => todo("modelRef: the parts of a model reference"),
      format: () => todo("modelRef.format"),
    },
    getVersion: async () => todo("getVersion: call the client's read operation and normalize its answer"),
    listVersions: () => todo("listVersions: every version of a model, across all pages (or leave its flag false)"),
    listDeployments: () => todo("listDeployments: the provider's current deployments (or leave its flag false)"),
    ...connectProvider(opperProvider, createOpperClient, options),
  };
}
