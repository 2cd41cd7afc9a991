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
  emit(spec: LoadedSpec, model: ProviderModel): string | Promise<string>;
}

/** Every file of `src/generated/`, in the order they are written. */
export const EMITTERS: readonly Emitter[] = [
  // The only emitter that calls openapi-typescript: replacing it touches this one module.
  { file: "schema.ts", emit: emitSchema },
  { file: "provider.ts", emit: (_spec, model) => emitProvider(model) },
  { file: "client.ts", emit: (_spec, model) => emitClient(model) },
  { file: "index.ts", emit: (_spec, model) => emitIndex(model) },
  { file: "smoke.test.ts", emit: (spec, model) => emitSmokeTest(spec.document, model) },
];
