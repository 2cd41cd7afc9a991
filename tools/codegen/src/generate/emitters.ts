import type { LoadedSpec } from "../openapi/load.js";
import { emitClient } from "./emitters/client.js";
import { emitIndex } from "./emitters/index.js";
import { emitProvider } from "./emitters/provider.js";
import { emitSchema } from "./emitters/schema.js";
import { emitSmokeTest } from "./emitters/smoke-test.js";
import type { ProviderModel } from "./model.js";

/** One file of `src/generated/` and how it is made from the spec and its model. */
export interface Emitter {
  file: string;
  /** Whether the package gets this file (default: always). A types-only package has no provider table or client. */
  when?: (model: ProviderModel) => boolean;
  emit(spec: LoadedSpec, model: ProviderModel): string | Promise<string>;
}

/** Every file of `src/generated/`, in the order they are written. */
export const EMITTERS: readonly Emitter[] = [
  // The only emitter that calls openapi-typescript: replacing it touches this one module.
  { file: "schema.ts", emit: emitSchema },
  { file: "provider.ts", emit: (_spec, model) => emitProvider(model), when: (model) => !model.typesOnly },
  { file: "client.ts", emit: (_spec, model) => emitClient(model), when: (model) => !model.typesOnly },
  { file: "index.ts", emit: (_spec, model) => emitIndex(model) },
  { file: "smoke.test.ts", emit: (spec, model) => emitSmokeTest(spec.document, model) },
];
