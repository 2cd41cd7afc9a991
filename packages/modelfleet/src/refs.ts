import { type FleetProvider, quoteRefPart, type RefGrammar } from "@modelfleet/runtime/fleet";
import { InvalidReferenceError } from "./errors.js";
import type { ModelRefOf, ParsedModelRefOf, ParsedRefOf, ProviderIdOf, ProviderOfRef, VersionRefOf } from "./types.js";

/**
 * Reading and writing references of a set of providers. A reference is `<provider id>:<rest>`; each provider's
 * grammar (its `versionRef` and `modelRef`) says what `<rest>` is.
 */
export interface References<P extends FleetProvider> {
  /**
   * Parses a version reference such as `<provider id>:<model>@<version>` (in that provider's form).
   * @throws InvalidReferenceError for a malformed reference (showing the provider's form) or an unknown provider (listing the known ones).
   */
  parseRef<R extends VersionRefOf<P>>(ref: R): ParsedRefOf<ProviderOfRef<P, R>>;
  parseRef(ref: string): ParsedRefOf<P>;
  /** Builds a version reference from its parts; `parseRef(formatRef(r))` gives `r` back. */
  formatRef(parsed: ParsedRefOf<P>): VersionRefOf<P>;
  /**
   * Parses a model reference such as `<provider id>:<model>`.
   * @throws InvalidReferenceError like {@link References.parseRef}.
   */
  parseModelRef<R extends ModelRefOf<P>>(ref: R): ParsedModelRefOf<ProviderOfRef<P, R>>;
  parseModelRef(ref: string): ParsedModelRefOf<P>;
  /** Builds a model reference from its parts; `parseModelRef(formatModelRef(r))` gives `r` back. */
  formatModelRef(parsed: ParsedModelRefOf<P>): ModelRefOf<P>;
  /** The expected form of each provider's version reference, e.g. `{ acme: "acme:<model>@<version>" }`. */
  readonly versionRefForms: Readonly<Record<ProviderIdOf<P>, string>>;
  /** The expected form of each provider's model reference. */
  readonly modelRefForms: Readonly<Record<ProviderIdOf<P>, string>>;
}

type Kind = "versionRef" | "modelRef";
const ARGUMENT: Record<Kind, string> = { versionRef: "ref", modelRef: "modelRef" };
const WHAT: Record<Kind, string> = { versionRef: "reference", modelRef: "model reference" };

/** The reference functions for `providers` (in the order given, which error messages follow). */
export function createReferences<P extends FleetProvider>(providers: readonly P[]): References<P> {
  const byId = new Map<string, FleetProvider>(providers.map((p) => [p.id, p]));
  const forms = (kind: Kind) => Object.freeze(Object.fromEntries(providers.map((p) => [p.id, p[kind].form])));

  function parse(kind: Kind, ref: unknown): { provider: string } {
    const argument = ARGUMENT[kind];
    if (typeof ref !== "string") {
      const example = providers[0]?.[kind].form ?? "<provider>:<id>";
      throw new InvalidReferenceError(
        String(ref),
        `${argument} must be a string such as ${example}, got ${typeof ref}`,
        undefined,
        argument,
      );
    }
    const colon = ref.indexOf(":");
    const id = colon < 0 ? "" : ref.slice(0, colon);
    const provider = byId.get(id);
    if (!provider) throw unknownProvider(kind, id, ref);
    const grammar = provider[kind] as RefGrammar<object>;
    const bad = (why: string): never => {
      throw new InvalidReferenceError(
        ref,
        `Invalid ${id} ${WHAT[kind]} ${quoteRefPart(ref)}: ${why}. Expected ${grammar.form}`,
        grammar.form,
        argument,
      );
    };
    const rest = ref.slice(colon + 1);
    if (kind === "modelRef" && rest.includes("@")) bad("a model reference has no @<version> (use getVersion for one version)");
    return { provider: id, ...grammar.parse(rest, bad) };
  }

  function format(kind: Kind, parsed: unknown): string {
    const argument = ARGUMENT[kind];
    if (typeof parsed !== "object" || parsed === null) {
      throw new InvalidReferenceError(
        String(parsed),
        `${argument} must be a reference string or a parsed reference object`,
        undefined,
        argument,
      );
    }
    const { provider: id, ...parts } = parsed as { provider?: unknown };
    const provider = typeof id === "string" ? byId.get(id) : undefined;
    if (!provider) throw unknownProvider(kind, String(id), String(id), "parsed.provider");
    const text = `${provider.id}:${(provider[kind] as RefGrammar<object>).format(parts)}`;
    // Parsing what was built validates every part with the same rules, so a bad part cannot produce a misleading string.
    parse(kind, text);
    return text;
  }

  function unknownProvider(kind: Kind, id: string, ref: string, argument = ARGUMENT[kind]) {
    const what =
      id === "" ? `${quoteRefPart(ref)} does not start with a provider` : `unknown provider ${quoteRefPart(id)} in ${quoteRefPart(ref)}`;
    return new InvalidReferenceError(
      ref,
      `${what}. Known providers: ${providers.map((p) => p.id).join(", ")} (forms: ${providers.map((p) => p[kind].form).join(", ")})`,
      undefined,
      argument,
    );
  }

  return {
    parseRef: (ref: string) => parse("versionRef", ref),
    formatRef: (parsed: object) => format("versionRef", parsed),
    parseModelRef: (ref: string) => parse("modelRef", ref),
    formatModelRef: (parsed: object) => format("modelRef", parsed),
    versionRefForms: forms("versionRef"),
    modelRefForms: forms("modelRef"),
  } as unknown as References<P>;
}
