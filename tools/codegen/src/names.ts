/** `list_function_revisions_get` and `ListFunctionRevisions` both become `listFunctionRevisions`. */
export function camelCase(value: string): string {
  const words = value
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return words
    .map((word, i) => (i === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : word.charAt(0).toUpperCase() + word.slice(1)))
    .join("")
    .replace(/^(\d)/, "_$1");
}

/** `list_models` becomes `ListModels`: the stem of generated type names. */
export function pascalCase(value: string): string {
  const camel = camelCase(value);
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}
