import { type Config, createConfig } from "@redocly/openapi-core";
import {
  astToString,
  NULL,
  type OpenAPI3,
  type OpenAPITSOptions,
  resolveRef,
  STRING,
  scanDiscriminators,
  transformSchema,
  tsLiteral,
  tsUnion,
} from "openapi-typescript";
import ts from "typescript";
import type { LoadedSpec } from "../../openapi/load.js";
import { isRecord } from "../../openapi/load.js";
import { isFileSchema } from "../holds-file.js";
import type { ProviderModel } from "../model.js";
import { hoistDefs } from "./hoist-defs.js";
import { descriptionsAsProse } from "./tsdoc-comments.js";

/** `string & {}`: accepts any string while editors still offer the known literals next to it. */
const ANY_OTHER_STRING = ts.factory.createIntersectionTypeNode([STRING, ts.factory.createTypeLiteralNode([])]);

let noLintConfig: Promise<Config> | undefined;

/**
 * Emits the openapi-typescript types for a spec, followed by a readable alias per component schema
 * (`SieveVersion` for `components["schemas"]["Version"]`).
 *
 * openapi-typescript's own entry point would parse, lint and bundle the document again (serializing it to JSON
 * first); the document here was parsed, linted and its references checked once already, so its transform runs on it
 * directly: a large document (GitHub's 13 MB) pays for one parse and one resolve, not two.
 */
export async function emitSchema(spec: LoadedSpec, model: ProviderModel): Promise<string> {
  noLintConfig ??= createConfig({ rules: {} });
  const options: OpenAPITSOptions = {
    silent: true,
    alphabetize: false,
    // Response fields with a default may still be left out by a provider; request fields with one are optional.
    defaultNonNullable: false,
    // `type: object` without properties is an open object (`Record<string, unknown>`), not an empty one.
    emptyObjectsUnknown: true,
    transform: (schema) => binaryTransform(schema) ?? openEnumTransform(schema),
  };
  // `$defs` is a JSON Schema keyword, never a property: its subschemas are typed as component schemas instead.
  const document = hoistDefs(spec.document) as OpenAPI3;
  const nodes = transformSchema(document, {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: false,
    discriminators: scanDiscriminators(document, options),
    emptyObjectsUnknown: true,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    redoc: await noLintConfig,
    silent: true,
    transform: options.transform,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: ($ref) => resolveRef(document, $ref, { silent: true }),
  });
  const schemas = spec.document.components?.schemas ?? {};
  const aliases = model.schemaAliases.map(({ schemaName, alias }) => {
    const schema = schemas[schemaName];
    const description = isRecord(schema) && typeof schema.description === "string" ? schema.description : undefined;
    const doc = description ? `/** ${escapeComment(description)} */\n` : "";
    return `${doc}export type ${model.name}${alias} = components["schemas"][${JSON.stringify(schemaName)}];`;
  });
  const payloads = model.webhooks.flatMap((hook) => {
    if (!hook.mediaType) return [];
    const summary = hook.summary ? ` ${escapeComment(hook.summary)}` : "";
    const request = `webhooks[${JSON.stringify(hook.name)}][${JSON.stringify(hook.method)}]`;
    return [
      `/** The body of the ${hook.method.toUpperCase()} request the \`${hook.name}\` webhook receives.${summary} */`,
      `export type ${model.name}${hook.typeName} = NonNullable<${request}["requestBody"]>["content"][${JSON.stringify(hook.mediaType)}];`,
    ];
  });
  return `${descriptionsAsProse(astToString(nodes)).trimEnd()}\n\n${[...aliases, ...payloads].join("\n")}\n`;
}

/** A file (`format: binary`, or a 3.1 binary `contentMediaType`) is a Blob to upload in a multipart body, not a string. */
function binaryTransform(schema: unknown): ts.TypeNode | undefined {
  if (!isRecord(schema) || !isFileSchema(schema)) return undefined;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const blob = ts.factory.createTypeReferenceNode("Blob");
  return types.includes("null") || schema.nullable === true ? tsUnion([blob, NULL]) : blob;
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
