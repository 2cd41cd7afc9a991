import { InvalidReferenceError } from "./errors.js";
import { isProviderId, PROVIDER_IDS, type ProviderId } from "./providers.js";

/** `sieve:<owner>/<function>@<version_slug|latest>`: a Sieve function version (id, id prefix or `latest`). */
export type SieveVersionRef = `sieve:${string}/${string}@${string}`;
/** `modzy:<modelId>@<semver>`: a Modzy model version. */
export type ModzyVersionRef = `modzy:${string}@${string}`;
/** `deepinfra:<deploy_id>`: a DeepInfra deployment. */
export type DeepInfraVersionRef = `deepinfra:${string}`;
/** `opper:<function_id>@<revision_id>`: an Opper function revision. */
export type OpperVersionRef = `opper:${string}@${string}`;

/** A reference to one deployable version, on any provider. */
export type VersionRef = SieveVersionRef | ModzyVersionRef | DeepInfraVersionRef | OpperVersionRef;

/** The version reference type of one provider. */
export type VersionRefOf<P extends ProviderId> = {
  sieve: SieveVersionRef;
  modzy: ModzyVersionRef;
  deepinfra: DeepInfraVersionRef;
  opper: OpperVersionRef;
}[P];

/** `sieve:<owner>/<function>`, `modzy:<modelId>`, `deepinfra:<model_name>` or `opper:<function_id>`: a model whose versions can be listed. */
export type ModelRef = `sieve:${string}/${string}` | `modzy:${string}` | `deepinfra:${string}` | `opper:${string}`;

/** The provider named by a reference type, e.g. `"sieve"` for `SieveVersionRef`. */
export type ProviderOfRef<R extends string> = R extends `${infer P}:${string}` ? (P extends ProviderId ? P : ProviderId) : ProviderId;

/** A version reference taken apart; `formatRef` puts it back together. */
export type ParsedRef =
  | { provider: "sieve"; owner: string; function: string; version: string }
  | { provider: "modzy"; modelId: string; version: string }
  | { provider: "deepinfra"; deployId: string }
  | { provider: "opper"; functionId: string; revisionId: string };

/** A model reference taken apart; `formatModelRef` puts it back together. */
export type ParsedModelRef =
  | { provider: "sieve"; owner: string; function: string }
  | { provider: "modzy"; modelId: string }
  | { provider: "deepinfra"; modelName: string }
  | { provider: "opper"; functionId: string };

/** The parsed form of one provider's version reference. */
export type ParsedRefOf<P extends ProviderId> = Extract<ParsedRef, { provider: P }>;
/** The parsed form of one provider's model reference. */
export type ParsedModelRefOf<P extends ProviderId> = Extract<ParsedModelRef, { provider: P }>;

/** The expected form of each provider's version reference, shown in errors and docs. */
export const VERSION_REF_FORMS: Readonly<Record<ProviderId, string>> = {
  sieve: "sieve:<owner>/<function>@<version_slug|latest>",
  modzy: "modzy:<modelId>@<semver>",
  deepinfra: "deepinfra:<deploy_id>",
  opper: "opper:<function_id>@<revision_id>",
};

/** The expected form of each provider's model reference. */
export const MODEL_REF_FORMS: Readonly<Record<ProviderId, string>> = {
  sieve: "sieve:<owner>/<function>",
  modzy: "modzy:<modelId>",
  deepinfra: "deepinfra:<model_name>",
  opper: "opper:<function_id>",
};

// One path segment: no separators, no whitespace or control characters, not `.`/`..` (they would move the URL).
// biome-ignore lint/suspicious/noControlCharactersInRegex: excluding control characters is the point
const SEGMENT = /^(?!\.{1,2}$)[^/@:\s\u0000-\u001f\u007f]+$/;

// Semantic versioning 2.0.0, with prerelease and build metadata.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/**
 * Parses a version reference such as `sieve:acme/whisper@latest`.
 * @throws InvalidReferenceError for a malformed reference (showing the provider's form) or an unknown provider (listing the known ones).
 */
export function parseRef<R extends VersionRef>(ref: R): ParsedRefOf<ProviderOfRef<R>>;
export function parseRef(ref: string): ParsedRef;
export function parseRef(ref: string): ParsedRef {
  const { provider, rest } = splitProvider(ref, "ref", VERSION_REF_FORMS);
  const bad = (why: string): never => {
    throw new InvalidReferenceError(
      ref,
      `Invalid ${provider} reference ${quote(ref)}: ${why}. Expected ${VERSION_REF_FORMS[provider]}`,
      VERSION_REF_FORMS[provider],
    );
  };
  switch (provider) {
    case "sieve": {
      const [path, version, extra] = rest.split("@");
      if (version === undefined || extra !== undefined) return bad("it needs exactly one @ before the version");
      const [owner, fn, more] = (path ?? "").split("/");
      if (fn === undefined || more !== undefined) return bad("the function must be <owner>/<function>");
      checkSegment(owner, "owner", bad);
      checkSegment(fn, "function", bad);
      checkSegment(version, "version", bad);
      return { provider, owner: owner as string, function: fn, version };
    }
    case "modzy": {
      const [modelId, version, extra] = rest.split("@");
      if (version === undefined || extra !== undefined) return bad("it needs exactly one @ before the version");
      checkSegment(modelId, "modelId", bad);
      if (!SEMVER.test(version)) return bad(`the version ${quote(version)} is not a semantic version such as 1.0.2`);
      return { provider, modelId: modelId as string, version };
    }
    case "deepinfra": {
      checkSegment(rest, "deploy_id", bad);
      return { provider, deployId: rest };
    }
    case "opper": {
      const [functionId, revisionId, extra] = rest.split("@");
      if (revisionId === undefined || extra !== undefined) return bad("it needs exactly one @ before the revision id");
      checkSegment(functionId, "function_id", bad);
      checkSegment(revisionId, "revision_id", bad);
      return { provider, functionId: functionId as string, revisionId };
    }
  }
}

/** Builds a version reference from its parts; `parseRef(formatRef(r))` gives `r` back. */
export function formatRef<P extends ProviderId>(parsed: ParsedRefOf<P>): VersionRefOf<P>;
export function formatRef(parsed: ParsedRef): VersionRef;
export function formatRef(parsed: ParsedRef): VersionRef {
  checkParsed(parsed, "ref");
  const text = ((): string => {
    switch (parsed.provider) {
      case "sieve":
        return `sieve:${parsed.owner}/${parsed.function}@${parsed.version}`;
      case "modzy":
        return `modzy:${parsed.modelId}@${parsed.version}`;
      case "deepinfra":
        return `deepinfra:${parsed.deployId}`;
      case "opper":
        return `opper:${parsed.functionId}@${parsed.revisionId}`;
      default:
        throw unknownProvider(String((parsed as { provider?: unknown }).provider), "parsed.provider", VERSION_REF_FORMS);
    }
  })();
  // Parsing what we built validates every part with the same rules, so a bad part cannot produce a misleading string.
  parseRef(text);
  return text as VersionRef;
}

/**
 * Parses a model reference such as `sieve:acme/whisper` or `opper:<function_id>`.
 * @throws InvalidReferenceError like {@link parseRef}.
 */
export function parseModelRef(ref: string): ParsedModelRef {
  const { provider, rest } = splitProvider(ref, "modelRef", MODEL_REF_FORMS);
  const bad = (why: string): never => {
    throw new InvalidReferenceError(
      ref,
      `Invalid ${provider} model reference ${quote(ref)}: ${why}. Expected ${MODEL_REF_FORMS[provider]}`,
      MODEL_REF_FORMS[provider],
      "modelRef",
    );
  };
  if (rest.includes("@")) return bad("a model reference has no @<version> (use getVersion for one version)");
  switch (provider) {
    case "sieve": {
      const [owner, fn, more] = rest.split("/");
      if (fn === undefined || more !== undefined) return bad("the function must be <owner>/<function>");
      checkSegment(owner, "owner", bad);
      checkSegment(fn, "function", bad);
      return { provider, owner: owner as string, function: fn };
    }
    case "modzy":
      checkSegment(rest, "modelId", bad);
      return { provider, modelId: rest };
    case "deepinfra":
      if (!rest.split("/").every((part) => SEGMENT.test(part))) {
        return bad(`the model name ${quote(rest)} has an empty, "." or ".." part, or a character that is not allowed`);
      }
      return { provider, modelName: rest };
    case "opper":
      checkSegment(rest, "function_id", bad);
      return { provider, functionId: rest };
  }
}

/** Builds a model reference from its parts; `parseModelRef(formatModelRef(r))` gives `r` back. */
export function formatModelRef(parsed: ParsedModelRef): ModelRef {
  checkParsed(parsed, "modelRef");
  const text = ((): string => {
    switch (parsed.provider) {
      case "sieve":
        return `sieve:${parsed.owner}/${parsed.function}`;
      case "modzy":
        return `modzy:${parsed.modelId}`;
      case "deepinfra":
        return `deepinfra:${parsed.modelName}`;
      case "opper":
        return `opper:${parsed.functionId}`;
      default:
        throw unknownProvider(String((parsed as { provider?: unknown }).provider), "parsed.provider", MODEL_REF_FORMS);
    }
  })();
  parseModelRef(text);
  return text as ModelRef;
}

function checkParsed(parsed: unknown, argument: string): void {
  if (typeof parsed !== "object" || parsed === null) {
    throw new InvalidReferenceError(
      String(parsed),
      `${argument} must be a reference string or a parsed reference object`,
      undefined,
      argument,
    );
  }
}

function splitProvider(
  ref: unknown,
  argument: string,
  forms: Readonly<Record<ProviderId, string>>,
): { provider: ProviderId; rest: string } {
  if (typeof ref !== "string") {
    throw new InvalidReferenceError(
      String(ref),
      `${argument} must be a string such as ${forms.sieve}, got ${typeof ref}`,
      undefined,
      argument,
    );
  }
  const colon = ref.indexOf(":");
  const provider = colon < 0 ? "" : ref.slice(0, colon);
  if (!isProviderId(provider)) throw unknownProvider(provider, argument, forms, ref);
  return { provider, rest: ref.slice(colon + 1) };
}

function unknownProvider(provider: string, argument: string, forms: Readonly<Record<ProviderId, string>>, ref = provider) {
  const what = provider === "" ? `${quote(ref)} does not start with a provider` : `unknown provider ${quote(provider)} in ${quote(ref)}`;
  return new InvalidReferenceError(
    ref,
    `${what}. Known providers: ${PROVIDER_IDS.join(", ")} (forms: ${PROVIDER_IDS.map((p) => forms[p]).join(", ")})`,
    undefined,
    argument,
  );
}

function checkSegment(value: string | undefined, name: string, bad: (why: string) => never): asserts value is string {
  if (value === undefined || value === "") bad(`the ${name} is empty`);
  else if (!SEGMENT.test(value))
    bad(`the ${name} ${quote(value)} has a character that is not allowed (/, @, :, whitespace) or is "." or ".."`);
}

function quote(value: string): string {
  return JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value);
}
