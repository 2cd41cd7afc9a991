import type { ChangeKind, Direction } from "./types.js";

/**
 * The two judgements of a change. `wire`: would an existing client's requests be refused, or its reading of
 * responses break? `types`: would code written against the previous generated package stop compiling? The
 * package's semver bump comes from the stronger of the two.
 */
export interface Verdicts {
  wire: ChangeKind;
  types: ChangeKind;
}

/** One classification rule: what it matches, its verdicts, why, and an example (the README table is built from these). */
export interface Rule {
  summary: string;
  /** Verdicts for a change with no direction (operations, auth, servers, documentation). */
  any?: Verdicts;
  /** Verdicts inside what callers send (request bodies, parameters; webhook responses). */
  request?: Verdicts;
  /** Verdicts inside what callers receive (success responses; webhook payloads). */
  response?: Verdicts;
  why: string;
  example: string;
}

const B = "breaking";
const F = "feature";
const X = "fix";
const v = (wire: ChangeKind, types: ChangeKind): Verdicts => ({ wire, types });

/** Every rule `diff` applies, by code. */
export const RULES = {
  // operations
  "operation-removed": {
    summary: "operation removed",
    any: v(B, B),
    why: "requests to it fail and its method disappears",
    example: "`DELETE /items/{id}` removed",
  },
  "path-removed": {
    summary: "path removed with its operations",
    any: v(B, B),
    why: "requests to it fail and its methods disappear",
    example: "`/items/{id}` removed",
  },
  "operation-moved": {
    summary: "operation moved to another path, same operationId",
    any: v(B, X),
    why: "the old URL stops answering; the method keeps its name and signature",
    example: "`GET /items/{id}` → `GET /things/{id}`",
  },
  "operation-added": { summary: "operation added", any: v(F, F), why: "a new method", example: "`DELETE /items/{id}` added" },
  "pagination-added": {
    summary: "`x-modelfleet-pagination` declared on an operation",
    any: v(X, F),
    why: "new `<method>Pages` / `<method>All` iterators; requests are unchanged",
    example: "`{style: offset, items: /data, offset: offset}` added",
  },
  "pagination-removed": {
    summary: "`x-modelfleet-pagination` removed (or set to `false`)",
    any: v(X, B),
    why: "the operation's iterators disappear",
    example: "`x-modelfleet-pagination` removed from `GET /items`",
  },
  "pagination-items-changed": {
    summary: "`x-modelfleet-pagination.items` points elsewhere",
    any: v(X, B),
    why: "the iterators yield another item type",
    example: "`items: /data` → `/results`",
  },
  "pagination-changed": {
    summary: "`x-modelfleet-pagination` changed, same items",
    any: v(X, X),
    why: "the iterators page differently; their names and types stay",
    example: "`style: offset` → `style: page`",
  },
  "operation-id-changed": {
    summary: "operationId changed so the method name changes",
    any: v(X, B),
    why: "the URL is the same, but calls to the old method name no longer compile",
    example: "`listItems` → `listAllItems`",
  },
  "operation-id-respelled": {
    summary: "operationId respelled to the same method name",
    any: v(X, X),
    why: "neither the URL nor the method name changes",
    example: "`listItems` → `list_items`",
  },
  deprecated: {
    summary: "marked deprecated",
    any: v(X, F),
    why: "still served; editors flag its uses",
    example: "`deprecated: true` added",
  },
  undeprecated: {
    summary: "no longer deprecated",
    any: v(X, X),
    why: "nothing a caller relies on changes",
    example: "`deprecated` removed",
  },
  "webhook-removed": {
    summary: "webhook removed",
    any: v(B, B),
    why: "subscribers stop receiving it and its exported payload type goes",
    example: "`webhooks.itemReady` removed",
  },
  "webhook-added": { summary: "webhook added", any: v(F, F), why: "a new event to subscribe to", example: "`webhooks.itemFailed` added" },
  // parameters
  "parameter-removed": {
    summary: "parameter removed",
    request: v(B, B),
    response: v(B, B),
    why: "what callers pass is refused or silently ignored, and the argument no longer type-checks",
    example: "query `limit` removed",
  },
  "parameter-added": {
    summary: "optional parameter added",
    request: v(F, F),
    response: v(F, F),
    why: "existing calls stay valid",
    example: "optional query `owner` added",
  },
  "required-parameter-added": {
    summary: "required parameter added",
    request: v(B, B),
    response: v(F, F),
    why: "existing calls lack it (a webhook's receiver just gets more)",
    example: "required query `owner` added",
  },
  "parameter-became-required": {
    summary: "parameter made required",
    request: v(B, B),
    response: v(X, X),
    why: "calls that leave it out are refused and no longer compile (a webhook's receiver may rely on more)",
    example: "`limit` gets `required: true`",
  },
  "parameter-became-optional": {
    summary: "parameter made optional",
    request: v(F, F),
    response: v(B, B),
    why: "existing calls stay valid (a webhook's receiver must now handle its absence)",
    example: "`required: true` removed from `limit`",
  },
  "path-parameter-renamed": {
    summary: "path parameter renamed",
    any: v(X, B),
    why: "the URL is the same; the method's argument is renamed",
    example: "`/items/{item_id}` → `/items/{id}`",
  },
  "parameter-became-array": {
    summary: "query or header parameter widened from one value to an array of it",
    any: v(F, B),
    why: "one value is a valid array of one on the wire (`?tag=a`); the argument's type changes from `T` to `T[]`",
    example: "`tag: string` → `tag: string[]`",
  },
  "parameter-serialization-changed": {
    summary: "`style`, `explode` or `allowReserved` of a parameter changed",
    any: v(B, X),
    why: "the same value is written into the URL differently",
    example: "`explode: false` added to an array query parameter",
  },
  // bodies and media types
  "request-body-removed": {
    summary: "request body removed",
    any: v(B, B),
    why: "the body callers send is refused or ignored, and the argument goes",
    example: "`requestBody` removed",
  },
  "request-body-added": {
    summary: "optional request body added",
    any: v(F, F),
    why: "existing calls stay valid",
    example: "optional body added",
  },
  "required-request-body-added": {
    summary: "required request body added",
    any: v(B, B),
    why: "existing calls send no body",
    example: "`requestBody: {required: true}` added",
  },
  "request-body-became-required": {
    summary: "request body made required",
    any: v(B, B),
    why: "calls without a body are refused and no longer compile",
    example: "`required: true` added",
  },
  "request-body-became-optional": {
    summary: "request body made optional",
    any: v(F, F),
    why: "existing calls stay valid",
    example: "`required: true` removed",
  },
  "request-media-type-removed": {
    summary: "request media type removed",
    any: v(B, B),
    why: "a body sent as that type is refused; the body argument's type changes",
    example: "`application/x-www-form-urlencoded` removed",
  },
  "request-media-type-added": {
    summary: "request media type added",
    any: v(F, X),
    why: "callers may send another representation",
    example: "`multipart/form-data` added",
  },
  "response-media-type-removed": {
    summary: "success response media type removed",
    any: v(B, B),
    why: "callers expecting that representation no longer get it",
    example: "`text/csv` removed from a 200",
  },
  "response-media-type-added": {
    summary: "success response media type added",
    any: v(F, X),
    why: "the method's result is typed from the JSON media type, which is unchanged",
    example: "`text/csv` added to a 200",
  },
  "media-type-renamed": {
    summary: "media type replaced by one of the same family (`application/json` ↔ `application/*+json`)",
    request: v(B, X),
    response: v(X, X),
    why: "responses are still parsed as JSON and typed the same; a server may refuse the `Content-Type` old clients send",
    example: "`application/json` → `application/problem+json`",
  },
  // responses
  "response-removed": {
    summary: "success (2xx) response removed",
    any: v(B, B),
    why: "callers handling that status lose it; the result type changes",
    example: "`201` removed",
  },
  "response-added": {
    summary: "success (2xx) response added",
    any: v(B, B),
    why: "callers receive a status they do not handle; the result type gains an alternative",
    example: "`202` added next to `200`",
  },
  "error-response-removed": {
    summary: "error (non-2xx) response removed",
    any: v(X, X),
    why: "error bodies reach callers as `ApiError.body: unknown`",
    example: "`404` removed",
  },
  "error-response-added": {
    summary: "error (non-2xx) response added",
    any: v(X, X),
    why: "every non-2xx already ends in `ApiError`",
    example: "`429` added",
  },
  "response-headers-changed": {
    summary: "response headers changed",
    any: v(X, X),
    why: "the generated methods return the body only",
    example: "`X-Request-Id` added",
  },
  // schemas: shape
  "property-removed": {
    summary: "property removed",
    request: v(B, B),
    response: v(B, B),
    why: "senders of it are refused or ignored; readers of a required one read nothing (an optional one's absence was already handled); its field leaves the type",
    example: "`ItemCreate.weight` removed",
  },
  "property-added": {
    summary: "optional property added",
    request: v(F, F),
    response: v(F, F),
    why: "readers ignore unknown fields; writers may leave it out",
    example: "optional `Item.region` added",
  },
  "required-property-added": {
    summary: "required property added",
    request: v(B, B),
    response: v(F, F),
    why: "senders lack it (unless it is `readOnly`, which senders never send; the generated type still requires it); readers get more",
    example: "required `ItemCreate.color` added",
  },
  "property-became-required": {
    summary: "property made required",
    request: v(B, B),
    response: v(X, X),
    why: "senders leaving it out are refused; readers may rely on more",
    example: "`tier` added to `required`",
  },
  "property-became-optional": {
    summary: "property made optional",
    request: v(F, F),
    response: v(B, B),
    why: "senders may leave it out; readers must now handle its absence",
    example: "`status` removed from `required`",
  },
  "became-read-only": {
    summary: "property marked `readOnly`",
    request: v(B, B),
    response: v(X, B),
    why: "senders must stop sending it; the field gets a `readonly` modifier",
    example: "`readOnly: true` added to `Item.id`",
  },
  "no-longer-read-only": {
    summary: "`readOnly` removed from a property",
    request: v(F, X),
    response: v(X, X),
    why: "senders may now send it",
    example: "`readOnly: true` removed",
  },
  "became-write-only": {
    summary: "property marked `writeOnly`",
    request: v(X, X),
    response: v(B, X),
    why: "responses stop carrying it",
    example: "`writeOnly: true` added to `User.password`",
  },
  "no-longer-write-only": {
    summary: "`writeOnly` removed from a property",
    request: v(X, X),
    response: v(X, X),
    why: "responses may now carry it; the type already had it",
    example: "`writeOnly: true` removed",
  },
  // schemas: types
  "type-narrowed": {
    summary: "type narrowed (`number` → `integer`, a type removed from a list)",
    request: v(B, B),
    response: v(X, X),
    why: "senders' values may be refused; readers receive a subset",
    example: "`weight: number` → `integer`",
  },
  "type-widened": {
    summary: "type widened (`integer` → `number`, a type added to a list)",
    request: v(F, F),
    response: v(B, B),
    why: "senders may send more; readers receive values their code does not handle",
    example: "`id: string` → `[string, integer]`",
  },
  "type-changed": {
    summary: "type changed to an unrelated one",
    request: v(B, B),
    response: v(B, B),
    why: "neither old values nor old code fit",
    example: "`id: string` → `integer`",
  },
  "became-nullable": {
    summary: "null now allowed",
    request: v(F, F),
    response: v(B, B),
    why: "readers receive `null` their code does not handle",
    example: '`name: string` → `[string, "null"]`',
  },
  "no-longer-nullable": {
    summary: "null no longer allowed",
    request: v(B, B),
    response: v(X, X),
    why: "senders' `null` is refused",
    example: '`size: [integer, "null"]` → `integer`',
  },
  "variant-added": {
    summary: "`anyOf`/`oneOf` alternative added (disjoint from the others)",
    request: v(F, F),
    response: v(B, B),
    why: "senders may send more; readers receive a shape they do not handle",
    example: "`owner: User` → `anyOf: [User, Team]`",
  },
  "one-of-overlap-added": {
    summary: "`oneOf` alternative added that may overlap an existing one",
    request: v(B, F),
    response: v(B, B),
    why: "`oneOf` requires exactly one match: a value valid under the old alternative may now match two and be refused",
    example: "request body `Item` → `oneOf: [Item, Draft]`, both open objects",
  },
  "variant-removed": {
    summary: "`anyOf`/`oneOf` alternative removed",
    request: v(B, B),
    response: v(X, X),
    why: "senders of that shape are refused; readers receive fewer shapes",
    example: "`anyOf: [User, Team]` → `User`",
  },
  "all-of-member-added": {
    summary: "`allOf` member added (its constraints are judged merged into the schema)",
    request: v(X, X),
    response: v(X, X),
    why: "an `allOf` member only matters through what it adds, which is reported as its own change",
    example: "`allOf: [Base]` → `allOf: [Base, Audited]`",
  },
  // schemas: enums
  "enum-value-removed": {
    summary: "closed enum: value removed",
    request: v(B, B),
    response: v(X, B),
    why: "senders of it are refused; comparisons with the removed literal no longer compile",
    example: "`tier: [small, large]` → `[small]`",
  },
  "enum-value-added": {
    summary: "closed enum: value added",
    request: v(F, F),
    response: v(B, B),
    why: "readers receive a value their code does not handle (an exhaustive `switch` stops compiling)",
    example: "`kind: [llm, custom]` → `[llm, custom, batch]`",
  },
  "open-enum-value-removed": {
    summary: "open enum (`anyOf` string + enum, or `x-extensible-enum`): value removed",
    request: v(B, X),
    response: v(X, X),
    why: "the server no longer understands a value callers were told to send; any string still type-checks",
    example: "`x-extensible-enum: [ready, failed]` → `[ready]`",
  },
  "open-enum-value-added": {
    summary: "open enum: value added",
    request: v(F, F),
    response: v(F, F),
    why: "open enums promise new values; readers already handle any string",
    example: "`status` gains `building`",
  },
  "enum-closed": {
    summary: "open enum became closed",
    request: v(B, B),
    response: v(X, B),
    why: "other strings are refused; the type loses `string`",
    example: "`anyOf: [{enum}, {type: string}]` → `{enum}`",
  },
  "enum-opened": {
    summary: "closed enum became open",
    request: v(F, F),
    response: v(B, B),
    why: "readers receive values outside the list",
    example: "`{enum}` → `anyOf: [{enum}, {type: string}]`",
  },
  "enum-added": {
    summary: "closed enum added to a schema that had none",
    request: v(B, B),
    response: v(X, B),
    why: "other values are refused; the type becomes a literal union",
    example: "`region: string` → `enum: [eu, us]`",
  },
  "enum-removed": {
    summary: "closed enum removed: any value of the type allowed",
    request: v(F, F),
    response: v(B, B),
    why: "readers receive values outside the old list",
    example: "`enum: [eu, us]` removed",
  },
  "open-enum-added": {
    summary: "open enum added to a string",
    request: v(X, F),
    response: v(X, F),
    why: "any string is still allowed; editors offer the known values",
    example: "`x-extensible-enum: [a, b]` added",
  },
  "open-enum-removed": {
    summary: "open enum removed from a string",
    request: v(X, X),
    response: v(X, X),
    why: "any string was already allowed",
    example: "`x-extensible-enum` removed",
  },
  // schemas: objects
  "additional-properties-narrowed": {
    summary: "fewer undeclared properties allowed",
    request: v(B, X),
    response: v(X, X),
    why: "senders of extra fields are refused",
    example: "`additionalProperties: false` added",
  },
  "additional-properties-widened": {
    summary: "more undeclared properties allowed",
    request: v(F, X),
    response: v(B, X),
    why: "readers receive fields the old contract excluded",
    example: "`additionalProperties: false` removed",
  },
  "discriminator-added": {
    summary: "`discriminator` added",
    request: v(B, B),
    response: v(X, X),
    why: "senders must now set the property that selects the alternative",
    example: "`discriminator: {propertyName: kind}` added to a `oneOf`",
  },
  "discriminator-removed": {
    summary: "`discriminator` removed",
    request: v(F, X),
    response: v(B, B),
    why: "readers can no longer switch on the property",
    example: "`discriminator` removed from a `oneOf`",
  },
  "discriminator-changed": {
    summary: "`discriminator.propertyName` changed, or a mapping value removed or retargeted",
    request: v(B, B),
    response: v(B, B),
    why: "values selecting an alternative before select another, or none",
    example: "`propertyName: kind` → `type`",
  },
  "discriminator-mapping-added": {
    summary: "`discriminator.mapping` entry added",
    request: v(F, F),
    response: v(B, B),
    why: "readers receive a discriminator value they do not handle",
    example: "`mapping.batch` added",
  },
  // schemas: constraints (JSON Schema 2020-12 validation keywords)
  "constraint-tightened": {
    summary:
      "`minimum`, `maximum`, `exclusive*`, `minLength`, `maxLength`, `minItems`, `maxItems`, `minProperties`, `maxProperties`, `minContains`, `maxContains`, `multipleOf`, `uniqueItems` tightened",
    request: v(B, X),
    response: v(X, X),
    why: "senders' values may be refused; readers receive a subset (constraints are not in the types)",
    example: "`replicas.minimum: 0` → `1`",
  },
  "constraint-loosened": {
    summary: "one of those constraints loosened or removed",
    request: v(F, X),
    response: v(B, X),
    why: "readers receive values outside what they were promised",
    example: "response `score.minimum: 0` → `-1`",
  },
  "pattern-added": {
    summary: "`pattern` added or replaced by a different one",
    request: v(B, X),
    response: v(X, X),
    why: "senders' strings may be refused (a changed pattern cannot be proven wider, so it counts as new)",
    example: "`pattern: ^[a-z]+$` added",
  },
  "pattern-removed": {
    summary: "`pattern` removed or relaxed to one matching everything (`.*`)",
    request: v(F, X),
    response: v(B, X),
    why: "senders may send any string; readers receive strings outside the old pattern",
    example: "`pattern: ^[a-z]+$` → `.*`",
  },
  "format-changed": {
    summary: "`format` changed",
    request: v(X, X),
    response: v(X, X),
    why: "in JSON Schema 2020-12 `format` is an annotation; the generated types ignore it",
    example: "`format: date-time` added",
  },
  "content-encoding-changed": {
    summary: "`contentEncoding` or `contentMediaType` changed",
    request: v(B, X),
    response: v(B, X),
    why: "the same string now carries another encoding",
    example: "`contentEncoding: base64` added",
  },
  "dependent-required-added": {
    summary: "`dependentRequired` entry added or extended",
    request: v(B, X),
    response: v(X, X),
    why: "senders of the trigger property without its dependants are refused",
    example: "`dependentRequired: {card: [cvc]}` added",
  },
  "dependent-required-removed": {
    summary: "`dependentRequired` entry removed or reduced",
    request: v(F, X),
    response: v(B, X),
    why: "readers may receive the trigger without its dependants",
    example: "`dependentRequired.card` removed",
  },
  "conditional-changed": {
    summary: "`if` changed, added or removed",
    request: v(B, X),
    response: v(B, X),
    why: "which values `then`/`else` apply to changes; no direction can be proven, so both count as breaking",
    example: "`if: {properties: {kind: {const: a}}}` → `const: b`",
  },
  "subschema-added": {
    summary:
      "a constraining subschema added (`not`, `then`, `else`, `contains`, `propertyNames`, `dependentSchemas`, `patternProperties`, `prefixItems`, `unevaluatedProperties`, `unevaluatedItems`, `contentSchema`, `items: false`)",
    request: v(B, B),
    response: v(X, B),
    why: "senders' values may be refused; where openapi-typescript renders the keyword (`prefixItems`, `patternProperties`) the type changes",
    example: "`contains: {const: admin}` added",
  },
  "subschema-removed": {
    summary: "one of those subschemas removed",
    request: v(F, B),
    response: v(B, B),
    why: "readers receive values the old contract excluded",
    example: "`propertyNames: {maxLength: 8}` removed",
  },
  // auth, servers, identity
  "security-added": {
    summary: "an operation that needed no auth now needs it",
    any: v(B, X),
    why: "requests without credentials are refused; credentials are a client option, not a method argument",
    example: "`security: []` → `[{bearerAuth: []}]`",
  },
  "security-removed": {
    summary: "an operation no longer needs auth",
    any: v(X, X),
    why: "credentials still sent are ignored",
    example: "`security: [{bearerAuth: []}]` → `[]`",
  },
  "security-alternative-added": {
    summary: "another accepted security requirement",
    any: v(F, X),
    why: "the credentials callers send are still accepted",
    example: "`[{bearerAuth: []}]` → `[{bearerAuth: []}, {apiKey: []}]`",
  },
  "security-alternative-removed": {
    summary: "an accepted security requirement removed",
    any: v(B, X),
    why: "callers authenticating that way are refused",
    example: "`[{bearerAuth: []}]` → `[{apiKey: []}]`",
  },
  "security-scopes-added": {
    summary: "OAuth scopes added to a requirement",
    any: v(B, X),
    why: "tokens without the new scope are refused",
    example: "`oauth: [read]` → `[read, write]`",
  },
  "security-scopes-removed": {
    summary: "OAuth scopes removed from a requirement",
    any: v(X, X),
    why: "tokens with more scopes are still accepted",
    example: "`oauth: [read, write]` → `[read]`",
  },
  "security-scheme-changed": {
    summary: "a security scheme's `type`, `in`, `name`, `scheme`, `bearerFormat`, `flows` or `openIdConnectUrl` changed",
    any: v(B, X),
    why: "the credential is sent, or must be obtained, differently",
    example: "`bearerAuth.scheme: bearer` → `ApiKey`",
  },
  "security-scheme-added": {
    summary: "security scheme defined",
    any: v(X, X),
    why: "judged where an operation requires it",
    example: "`components.securitySchemes.apiKey` added",
  },
  "security-scheme-removed": {
    summary: "security scheme definition removed",
    any: v(X, X),
    why: "judged where an operation required it",
    example: "`components.securitySchemes.apiKey` removed",
  },
  "server-url-changed": {
    summary: "default server URL (`servers[0].url`) changed",
    any: v(B, X),
    why: "callers relying on the default send requests, and their key, to another host or path",
    example: "`https://api.acme.example` → `https://eu.api.acme.example`",
  },
  "servers-changed": {
    summary: "servers other than the default changed",
    any: v(X, X),
    why: "documentation only",
    example: "a second server added",
  },
  "package-identity-changed": {
    summary: "`info.x-modelfleet.package` or `name` changed",
    any: v(X, B),
    why: "imports and the factory's name change",
    example: "`name: Acme` → `AcmeCloud`",
  },
  "api-key-env-var-changed": {
    summary: "`info.x-modelfleet.envVar` changed",
    any: v(B, X),
    why: "deployments setting the old variable send requests without a key",
    example: "`ACME_API_KEY` → `ACME_TOKEN`",
  },
  "schema-removed": {
    summary: "component schema removed",
    any: v(X, B),
    why: "its exported type goes (where it was used, the change is reported there)",
    example: "`components.schemas.Unused` removed",
  },
  "schema-added": {
    summary: "component schema added",
    any: v(X, F),
    why: "a new exported type",
    example: "`components.schemas.Extra` added",
  },
  // documentation
  "description-changed": { summary: "`description` changed", any: v(X, X), why: "documentation", example: "a reworded description" },
  "summary-changed": { summary: "`summary` changed", any: v(X, X), why: "documentation", example: "a reworded summary" },
  "title-changed": { summary: "`title` changed", any: v(X, X), why: "documentation", example: "a new title" },
  "example-changed": { summary: "`example`/`examples` changed", any: v(X, X), why: "documentation", example: "a new example" },
  "default-changed": {
    summary: "`default` changed",
    any: v(X, X),
    why: "the generated types do not carry defaults",
    example: "`default: 10` → `20`",
  },
  "extension-changed": {
    summary: "an `x-` extension changed",
    any: v(X, X),
    why: "not part of the contract",
    example: "`x-internal` added",
  },
  "info-changed": { summary: "`info` changed", any: v(X, X), why: "documentation", example: "`info.version` bumped" },
  "document-changed": { summary: "a top-level field changed", any: v(X, X), why: "documentation", example: "`tags` changed" },
  "keyword-changed": {
    summary: "any other keyword changed (`$comment`, `tags`, `externalDocs`, `encoding`, …)",
    any: v(X, X),
    why: "no effect on what is sent, received or typed",
    example: "`externalDocs` changed",
  },
  "spec-added": { summary: "spec added", any: v(F, F), why: "a new package", example: "`specs/acme.yaml` added" },
  "spec-removed": { summary: "spec removed", any: v(B, B), why: "the package loses its source", example: "`specs/acme.yaml` removed" },
} satisfies Record<string, Rule>;

/** A rule's code, e.g. `property-removed`. */
export type RuleCode = keyof typeof RULES;

/**
 * Where a change was found, beyond its direction: each field adjusts the rule's verdicts and adds the note that
 * `--explain` prints.
 */
export interface Scope {
  dir?: Direction;
  /** Inside an error (non-2xx) response: its body reaches callers as `ApiError.body: unknown`. */
  errorBody?: boolean;
  /** Inside a keyword openapi-typescript renders no type for (`not`, `if`, `contains`, ...): named here. */
  untyped?: string;
  /** Inside `not`: what the subschema allows, the whole refuses, so the wire judgement takes the other direction. */
  negated?: boolean;
  /**
   * Why the wire does not see the change: a property senders never send (`readOnly` in a request) or readers never
   * receive (`writeOnly` in a response), or an optional response property removed (readers already handle its absence).
   */
  offWire?: string;
  /**
   * Inside a parameter sent as text (query, header, path, cookie; a `deepObject`'s properties too): `5` goes out as
   * the text "5", so a value of a scalar type still reads as a string.
   */
  text?: boolean;
  /**
   * Inside a body the client neither types nor parses (an XML or other non-JSON response is read as text or a Blob,
   * and the client never sends one): why its schema does not matter.
   */
  opaqueBody?: string;
}

/** A judged change: both verdicts, the stronger one as `kind`, and why. */
export interface Judgement extends Verdicts {
  kind: ChangeKind;
  notes: string[];
}

/** How serious each kind is, least first. */
export const KIND_RANK: Record<ChangeKind, number> = { fix: 0, feature: 1, breaking: 2 };

/** The more serious of two kinds. */
export function strongest(a: ChangeKind, b: ChangeKind): ChangeKind {
  return KIND_RANK[a] >= KIND_RANK[b] ? a : b;
}

const flip = (dir: Direction): Direction => (dir === "request" ? "response" : "request");

function base(rule: Rule, dir: Direction | undefined): Verdicts {
  const found = dir ? (rule[dir] ?? rule.any) : (rule.any ?? strongestOf(rule.request, rule.response));
  return found ?? v(X, X);
}

function strongestOf(a: Verdicts | undefined, b: Verdicts | undefined): Verdicts | undefined {
  if (!a || !b) return a ?? b;
  return v(strongest(a.wire, b.wire), strongest(a.types, b.types));
}

/** The verdicts of a rule where it was found. */
export function judge(code: RuleCode, scope: Scope = {}): Judgement {
  const rule: Rule = RULES[code];
  const notes: string[] = [];
  let wire = base(rule, scope.negated && scope.dir ? flip(scope.dir) : scope.dir).wire;
  let types = base(rule, scope.dir).types;
  if (scope.negated) notes.push("inside `not`: widening what the subschema matches narrows what the schema allows, and the reverse");
  if (scope.untyped && types !== X) {
    types = X;
    notes.push(`types: openapi-typescript renders no type for \`${scope.untyped}\``);
  }
  if (scope.offWire && wire !== X) {
    wire = X;
    notes.push(`wire: ${scope.offWire}`);
  }
  if (scope.opaqueBody && (wire !== X || types !== X)) {
    wire = X;
    types = X;
    notes.push(scope.opaqueBody);
  }
  if (scope.errorBody && (wire !== X || types !== X)) {
    wire = X;
    types = X;
    notes.push("inside an error response: its body reaches callers as `ApiError.body`, typed `unknown`");
  }
  return { wire, types, kind: strongest(wire, types), notes };
}
