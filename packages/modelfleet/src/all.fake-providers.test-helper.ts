import { routedFetch } from "@modelfleet/test-utils/fleet";

/** A `fetch` routing requests to canned replies (see `routedFetch`). */
export const fakeProviders = routedFetch;

export const SIEVE = "https://mango.sievedata.com/v2";
export const MODZY = "https://app.modzy.com/api";
export const DEEPINFRA = "https://api.deepinfra.com";
export const OPPER = "https://api.opper.ai/v3";
export const OPPER_V2 = "https://api.opper.ai/v2";
export const REPLICATE = "https://api.replicate.com/v1";
export const HUGGINGFACE = "https://api.endpoints.huggingface.cloud";
export const BASETEN = "https://api.baseten.co/v1";
export const TOGETHER = "https://api.together.ai/v1";

/** Keys for the first four providers, as a user's environment would hold them (the later ones' tests add theirs). */
export const ENV_KEYS = {
  SIEVE_API_KEY: "sieve-key-SECRET-1",
  MODZY_API_KEY: "modzy-key-SECRET-2",
  DEEPINFRA_API_KEY: "deepinfra-key-SECRET-3",
  OPPER_API_KEY: "opper-key-SECRET-4",
  BASETEN_API_KEY: "baseten-key-SECRET-5",
  TOGETHER_API_KEY: "together-key-SECRET-6",
};
