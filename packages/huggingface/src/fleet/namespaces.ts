import { isSegmentPath } from "@modelfleet/runtime/fleet";
import { ConfigurationError, type HuggingFaceClient } from "../generated/index.js";

/** The environment variable naming the namespaces `listDeployments` covers, comma-separated. */
export const HUGGINGFACE_NAMESPACES_ENV_VAR = "HF_NAMESPACE";

// The namespaces each client's listing covers, set when the fleet creates the client (from the factory's option or
// the fleet's environment), so the adapter's operations, which receive only the client, can find them.
const namespacesOf = new WeakMap<HuggingFaceClient, readonly string[]>();

/**
 * The namespaces from the factory's `namespaces` option, else from `HF_NAMESPACE` in `env`; each must be one
 * path segment (a user or organization name).
 * @throws ConfigurationError for a value that is not a list of such names.
 */
export function resolveNamespaces(option: unknown, env: Readonly<Record<string, string | undefined>>): readonly string[] {
  if (option === undefined) {
    const names = (env[HUGGINGFACE_NAMESPACES_ENV_VAR] ?? "")
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean);
    const badName = names.find((name) => !isNamespace(name));
    if (badName !== undefined) {
      throw new ConfigurationError(
        HUGGINGFACE_NAMESPACES_ENV_VAR,
        `${HUGGINGFACE_NAMESPACES_ENV_VAR} holds ${JSON.stringify(badName)}, which is not a user or organization name (no /, @, : or spaces)`,
        "huggingface",
      );
    }
    return names;
  }
  if (!Array.isArray(option) || !option.every(isNamespace)) {
    throw new ConfigurationError(
      "namespaces",
      "namespaces must be an array of user or organization names (no /, @, : or spaces)",
      "huggingface",
    );
  }
  return [...option];
}

function isNamespace(value: unknown): value is string {
  return typeof value === "string" && !value.includes("/") && isSegmentPath(value);
}

/** Remembers the namespaces of a client the fleet created. */
export function rememberNamespaces(client: HuggingFaceClient, namespaces: readonly string[]): void {
  namespacesOf.set(client, namespaces);
}

/**
 * The namespaces a client's listing covers.
 * @throws ConfigurationError when there are none: Hugging Face cannot list endpoints without a namespace.
 */
export function listedNamespaces(client: HuggingFaceClient): readonly string[] {
  const namespaces = namespacesOf.get(client) ?? [];
  if (namespaces.length === 0) {
    throw new ConfigurationError(
      "namespaces",
      `Hugging Face lists endpoints per user or organization: set ${HUGGINGFACE_NAMESPACES_ENV_VAR} (comma-separated, e.g. acme-ml,my-user) or pass { namespaces } to huggingface()`,
      "huggingface",
    );
  }
  return namespaces;
}
