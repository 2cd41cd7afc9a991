import { isRecord, type OpenApiDocument, type SecuritySchemeObject } from "@modelfleet/codegen/openapi";
import { parse } from "yaml";
import { bundleFileRefs } from "./bundle-refs.js";

/** The `type: http` schemes Prism 5 checks. For any other (e.g. Modzy's `ApiKey`) it only logs a warning. */
const CHECKED_HTTP_SCHEMES = new Set(["basic", "bearer", "digest"]);

/** What {@link adaptSpecForPrism} changed, if anything. */
export interface AdaptedSpec {
  /** The document to mock instead of the original, or `undefined` when the original can be used as it is. */
  document: unknown;
  /** One line per change, for logs and docs. Empty when nothing changed. */
  adjustments: string[];
}

/**
 * Works around what Prism 5.14 cannot mock faithfully, so that a mock still rejects what the provider rejects.
 *
 * Given the spec's path, a spec whose `$ref`s point at other files is first bundled with them as the generator
 * bundles it (Prism would otherwise resolve them its own way, and could not from the temporary copy it is given).
 * Then one more thing: an `http` security scheme with a custom scheme name (`Authorization: ApiKey <key>`).
 * Prism lets requests without any key through for those, so the scheme is rewritten into an `apiKey` scheme on
 * the `Authorization` header: a request without the header then gets 401, as from the provider. The prefix
 * itself is not checked (Prism accepts any key value for every scheme anyway).
 */
export function adaptSpecForPrism(source: string, specPath?: string): AdaptedSpec {
  let document: unknown;
  try {
    document = parse(source);
  } catch {
    // Not for us to report: Prism loads the original and says what is wrong with it.
    return { document: undefined, adjustments: [] };
  }
  const adjustments: string[] = [];
  const bundled = specPath ? bundleFileRefs(specPath, document) : undefined;
  if (bundled) {
    document = bundled.document;
    adjustments.push(`file $refs bundled into components (${bundled.files.join(", ")}), as the generator reads them`);
  }
  const schemes = securitySchemesOf(document);
  for (const [name, scheme] of Object.entries(schemes)) {
    if (!isRecord(scheme) || scheme.type !== "http" || typeof scheme.scheme !== "string") continue;
    if (CHECKED_HTTP_SCHEMES.has(scheme.scheme.toLowerCase())) continue;
    schemes[name] = {
      type: "apiKey",
      in: "header",
      name: "Authorization",
      description: `Stands in for the http "${scheme.scheme}" scheme, which Prism does not check.`,
    };
    adjustments.push(
      `components.securitySchemes.${name}: http "${scheme.scheme}" is mocked as a required Authorization header (Prism 5 does not check custom http schemes)`,
    );
  }
  return { document: adjustments.length ? document : undefined, adjustments };
}

function securitySchemesOf(document: unknown): Record<string, SecuritySchemeObject | unknown> {
  if (!isRecord(document)) return {};
  const { components } = document as OpenApiDocument;
  return isRecord(components) && isRecord(components.securitySchemes) ? components.securitySchemes : {};
}
