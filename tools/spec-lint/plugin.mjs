// Spec lint rules of our own that Redocly's configurable rules cannot express (they would need to look into a
// response schema and a parameter list at once). Loaded by redocly.yaml; tested in src/lint.test.ts.

/** Query parameters that only a paged list takes. */
const PAGING_PARAMETERS =
  /^(limit|offset|skip|page|per[-_]?page|page[-_]?size|pagesize|cursor|after|before|starting[-_]after|page[-_]?token|pagetoken|next[-_]?token)$/i;
const EXTENSION = "x-modelfleet-pagination";

/**
 * A GET whose success body is a bare array, or which takes a paging parameter (limit, offset, page, cursor, page
 * token, ...), is a list: it must say how it pages, or `false` when the provider always returns the whole list.
 */
function ListDeclaresPagination() {
  return {
    Operation(operation, ctx) {
      if (ctx.key !== "get" || operation[EXTENSION] !== undefined) return;
      const resolve = (node) => ctx.resolve(node).node;
      const parameters = [...(ctx.parent?.parameters ?? []), ...(operation.parameters ?? [])].map(resolve);
      const paging = parameters.find((p) => p?.in === "query" && typeof p.name === "string" && PAGING_PARAMETERS.test(p.name));
      const arrayBody = Object.entries(operation.responses ?? {}).some(([status, raw]) => {
        if (!/^2/.test(status)) return false;
        const content = resolve(raw)?.content ?? {};
        return Object.entries(content).some(([type, media]) => /json/i.test(type) && isArray(resolve(media?.schema), resolve));
      });
      if (!paging && !arrayBody) return;
      const why = paging ? `takes the paging parameter \`${paging.name}\`` : "returns an array";
      ctx.report({
        message:
          `This list operation ${why} but declares no \`${EXTENSION}\`. Add one so the client gets iterators, e.g. ` +
          `\`${EXTENSION}: {style: offset, items: "", offset: offset, limit: limit}\` (styles: offset, page, cursor, next-url; ` +
          `see specs/README.md#pagination), or \`${EXTENSION}: false\` if the provider always returns the whole list.`,
        location: ctx.location.key(),
      });
    },
  };
}

function isArray(schema, resolve) {
  if (!schema || typeof schema !== "object") return false;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes("array") || (schema.anyOf ?? schema.oneOf ?? []).some((member) => isArray(resolve(member), resolve));
}

export default function modelfleetLintPlugin() {
  return {
    id: "modelfleet",
    rules: { oas3: { "list-declares-pagination": ListDeclaresPagination } },
  };
}
