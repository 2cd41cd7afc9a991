import { BaseResolver, type Config, createConfig, getLineColLocation, lintDocument } from "@redocly/openapi-core";
import type { Diagnostic } from "../diagnostics.js";
import type { LoadedSpec } from "../openapi/load.js";

/**
 * Correctness rules only: what would make a client wrong or impossible to generate. Style rules
 * (summaries, examples, descriptions) belong to the Redocly CLI lint that runs in `npm test`.
 */
const RULES = {
  struct: "error",
  "no-unresolved-refs": "error",
  "operation-operationId": "error",
  "operation-operationId-unique": "error",
  "operation-parameters-unique": "error",
  "path-parameters-defined": "error",
  "path-declaration-must-exist": "error",
  "no-identical-paths": "error",
  "no-ambiguous-paths": "warn",
  "security-defined": "error",
  "no-path-trailing-slash": "warn",
} as const;

/** One line of help per rule, so a maintainer knows the fix without looking the rule up. */
const HELP: Record<string, string> = {
  struct: "the value does not fit the OpenAPI 3.1 schema at this location; compare with the OpenAPI specification",
  "no-unresolved-refs": "the $ref points at nothing; fix the pointer or add the missing component",
  "operation-operationId": "add a camelCase `operationId`; it becomes the generated method name",
  "operation-operationId-unique": "operationIds name methods and must be unique across the spec",
  "operation-parameters-unique": "remove the duplicate parameter",
  "path-parameters-defined": "declare every `{param}` of the path as an `in: path` parameter, and nothing else",
  "path-declaration-must-exist": "a path parameter must not be empty (`{}`)",
  "no-identical-paths": "merge the two path items",
  "no-ambiguous-paths": "two templated paths match the same URLs; make one of them literal",
  "security-defined": "declare the security scheme in components.securitySchemes and reference it in `security`",
  "no-path-trailing-slash": "drop the trailing slash from the path",
};

let configPromise: Promise<Config> | undefined;

/** Redocly's config is built once per process and shared by every spec. */
function getConfig(): Promise<Config> {
  configPromise ??= createConfig({ rules: RULES }, {});
  return configPromise;
}

/** Lints a loaded spec with Redocly and returns every problem as a diagnostic with line, column and pointer. */
export async function validateSpec(spec: LoadedSpec): Promise<Diagnostic[]> {
  const config = await getConfig();
  const problems = await lintDocument({
    document: { source: spec.source, parsed: spec.document },
    config: config.styleguide,
    externalRefResolver: new BaseResolver(config.resolve),
  });
  return problems.map((problem): Diagnostic => {
    const location = problem.location[0];
    let line: number | undefined;
    let column: number | undefined;
    // A JSON spec's findings are located afterwards, all in one pass (see locateDiagnostics).
    if (location && !spec.isJson) {
      try {
        const resolved = getLineColLocation(location);
        line = resolved.start.line;
        column = resolved.start.col;
      } catch {
        // a location outside the source text: report the pointer alone
      }
    }
    return {
      severity: problem.severity === "error" ? "error" : "warning",
      code: `spec/${problem.ruleId}`,
      message: problem.message,
      file: spec.file,
      line,
      column,
      pointer: location?.pointer,
      help: helpFor(problem.ruleId, problem.message, spec.document.openapi) ?? problem.suggest?.[0],
    };
  });
}

/** OpenAPI 3.0 keywords a 3.1 document may still carry, with their 3.1 form. */
const LEFTOVERS_30: Record<string, string> = {
  nullable: 'OpenAPI 3.1 has no `nullable`: write `type: [<type>, "null"]` (or add `{type: "null"}` to an anyOf)',
  exclusiveMinimum: "in OpenAPI 3.1 `exclusiveMinimum` is the bound itself (a number), not a boolean next to `minimum`",
  exclusiveMaximum: "in OpenAPI 3.1 `exclusiveMaximum` is the bound itself (a number), not a boolean next to `maximum`",
  example: "OpenAPI 3.1 schemas take `examples: [...]`; `example` is a 3.0 leftover",
};

function helpFor(ruleId: string, message: string, openapi: unknown): string | undefined {
  if (ruleId === "struct" && typeof openapi === "string" && openapi.startsWith("3.1")) {
    const leftover = Object.keys(LEFTOVERS_30).find((key) => message.includes(`\`${key}\``));
    if (leftover) return LEFTOVERS_30[leftover];
  }
  return HELP[ruleId];
}
