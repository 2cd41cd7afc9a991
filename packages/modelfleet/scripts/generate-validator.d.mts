/** Where the fleet file's JSON Schema is read from, and where the validator and its types are written. */
export const SCHEMA_FILE: string;
export const OUTPUT_FILE: string;
export const TYPES_FILE: string;
/** The compiled validator's source for a schema; throws when it would need an ajv runtime module. */
export function validatorSource(schema: unknown): string;
/** The validator's type declarations. */
export const TYPES_SOURCE: string;
