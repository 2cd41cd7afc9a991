import { createConfig } from "@redocly/openapi-core";
import openapiTS, { astToString, NULL, STRING, tsLiteral, tsUnion } from "openapi-typescript";
import ts from "typescript";
import type { LoadedSpec } from "./load-spec.js";
import { isRecord } from "./load-spec.js";
import { type ProviderModel, pascalCase } from "./model.js";
import { descriptionsAsProse } from "./tsdoc-comments.js";

/** `string & {}`: accepts any string while editors still offer the known literals next to it. */
const ANY_OTHER_STRING = ts.factory.createIntersectionTypeNode([STRING, ts.factory.createTypeLiteralNode([])]);

let noLintConfig: ReturnType<typeof createConfig> | undefined;

/**
 * Emits the openapi-typescript types for a spec, followed by a readable alias per component schema
 * (`SieveVersion` for `components["schemas"]["Version"]`).
 */
export async function emitSchema(spec: LoadedSpec, model: ProviderModel): Promise<string> {
  // The spec was linted already; openapi-typescript's own lint pass is given no rules to run.
  noLintConfig ??= createConfig({ rules: {} });
  const nodes = await openapiTS(spec.document as never, {
    redocly: await noLintConfig,
    silent: true,
    alphabetize: false,
    // Response fields with a default may still be left out by a provider; request fields with one are optional.
    defaultNonNullable: false,
    // `type: object` without properties is an open object (`Record<string, unknown>`), not an empty one.
    emptyObjectsUnknown: true,
    transform: openEnumTransform,
  });
  const aliases = model.schemaNames.map((schemaName) => {
    const schema = (spec.document.components as { schemas: Record<string, unknown> }).schemas[schemaName];
    const description = isRecord(schema) && typeof schema.description === "string" ? schema.description : undefined;
    const doc = description ? `/** ${escapeComment(description)} */\n` : "";
    return `${doc}export type ${model.name}${pascalCase(schemaName)} = components["schemas"][${JSON.stringify(schemaName)}];`;
  });
  return `${descriptionsAsProse(astToString(nodes)).trimEnd()}\n\n${aliases.join("\n")}\n`;
}

/**
 * Open enums (`anyOf: [{type: string, enum: [...]}, {type: string}]`, see specs/README.md) become
 * `"a" | "b" | (string & {})` instead of collapsing to `string`.
 */
function openEnumTransform(schema: unknown): ts.TypeNode | undefined {
  if (!isRecord(schema) || !Array.isArray(schema.anyOf)) return undefined;
  const literals: string[] = [];
  let openString = false;
  let nullable = false;
  for (const member of schema.anyOf) {
    if (!isRecord(member)) return undefined;
    const keys = Object.keys(member).filter((k) => k !== "description" && k !== "title");
    if (member.type === "string" && Array.isArray(member.enum) && member.enum.every((v) => typeof v === "string")) {
      if (keys.some((k) => k !== "type" && k !== "enum")) return undefined;
      literals.push(...(member.enum as string[]));
    } else if (member.type === "string" && keys.length === 1) {
      openString = true;
    } else if (member.type === "null" && keys.length === 1) {
      nullable = true;
    } else {
      return undefined;
    }
  }
  if (!openString || literals.length === 0) return undefined;
  const members: ts.TypeNode[] = [...new Set(literals)].map((value) => tsLiteral(value));
  members.push(ANY_OTHER_STRING);
  if (nullable) members.push(NULL);
  return tsUnion(members);
}

function escapeComment(text: string): string {
  return text.replace(/\*\//g, "*\\/").replace(/\n/g, "\n * ");
}
