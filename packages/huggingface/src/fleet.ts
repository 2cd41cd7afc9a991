// `@modelfleet/huggingface/fleet`: HuggingFace as a provider of the `modelfleet` facade, next to the generated client and
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
import { type HuggingFaceClient, type HuggingFaceClientOptions, huggingfaceProvider, createHuggingFaceClient } from "./generated/index.js";

/** `huggingface:<id>`: a HuggingFace version. TODO: the provider's real form, e.g. `huggingface:${string}@${string}`. */
export type HuggingFaceVersionRef = `huggingface:${string}`;
/** `huggingface:<model>`: a HuggingFace model, whose versions can be listed. TODO: the real form. */
export type HuggingFaceModelRef = `huggingface:${string}`;

/**
 * The generated type(s) a version is read from. TODO: the response type(s) of the operations the adapter calls
 * (e.g. `HuggingFaceDeployment` from `./generated/index.js`), so that renaming a field in the spec breaks this file.
 */
export type HuggingFaceRawVersion = Record<string, never>;

/** What HuggingFace brings into a fleet (see `ProviderTypes`). TODO: set each capability to what the adapter implements. */
export interface HuggingFaceFleetTypes {
  id: "huggingface";
  client: HuggingFaceClient;
  versionRef: HuggingFaceVersionRef;
  modelRef: HuggingFaceModelRef;
  versionParts: { id: string };
  modelParts: { model: string };
  raw: HuggingFaceRawVersion;
  capabilities: Capabilities & { getVersion: true; listVersions: false; listDeployments: false; scale: false };
}

/** A normalized HuggingFace version. */
export type HuggingFaceFleetVersion = ModelVersion<"huggingface", HuggingFaceVersionRef, HuggingFaceRawVersion>;

/** HuggingFace as a fleet provider. */
export type HuggingFaceFleetProvider = FleetProvider<HuggingFaceFleetTypes>;

/** HuggingFace's status words → `VersionStatus`. TODO: one row per status the spec documents. */
export const HUGGINGFACE_STATUS: StatusTable = {};

function todo(what: string): never {
  throw new Error(`TODO(huggingface fleet adapter): ${what}`);
}

/** Normalizes a HuggingFace object; never throws, whatever it really is. TODO: read it with `received` and the readers. */
export function normalizeHuggingFaceVersion(_raw: HuggingFaceRawVersion, _requested?: string): HuggingFaceFleetVersion {
  return todo("normalizeHuggingFaceVersion: map the generated object to a ModelVersion (ref, model, version, status, times, scaling, replicas, hardware)");
}

/**
 * HuggingFace for `createFleet({ providers: [huggingface()] })`. Without options it is configured when `HF_TOKEN` is set;
 * with options (e.g. `{ apiKey, baseUrl }`) the client is created by `createFleet`.
 */
export function huggingface(options?: HuggingFaceClientOptions): HuggingFaceFleetProvider {
  return {
    id: "huggingface",
    capabilities: { getVersion: true, listVersions: false, listDeployments: false, scale: false },
    unsupported: {
      listVersions: "TODO(huggingface fleet adapter): not written yet",
      listDeployments: "TODO(huggingface fleet adapter): not written yet",
      scale: "TODO(huggingface fleet adapter): not written yet",
    },
    versionRef: {
      form: "huggingface:<id>",
      parse(rest, bad) {
        checkSegment(rest, "id", bad);
        return todo("versionRef: the parts of a version reference (parse and format, and the form shown in errors)");
      },
      format: () => todo("versionRef.format"),
    },
    modelRef: {
      form: "huggingface:<model>",
      parse: () => todo("modelRef: the parts of a model reference"),
      format: () => todo("modelRef.format"),
    },
    getVersion: async () => todo("getVersion: call the client's read operation and normalize its answer"),
    listVersions: () => todo("listVersions: every version of a model, across all pages (or leave its flag false)"),
    listDeployments: () => todo("listDeployments: the provider's current deployments (or leave its flag false)"),
    ...connectProvider(huggingfaceProvider, createHuggingFaceClient, options),
  };
}
