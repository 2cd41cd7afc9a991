import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { diffDocuments } from "../src/diff/spec.js";
import type { SpecChange } from "../src/diff/types.js";

/**
 * The base of every pair: two operations on /items reading `Item` (response side) and one writing `ItemCreate`
 * (request side), an error response, an open enum (`Item.status`) and a closed one (`Item.kind`, `ItemCreate.tier`).
 */
const BASE = `
openapi: 3.1.0
info:
  title: Acme
  version: 1.0.0
  x-modelfleet: { package: "@modelfleet/acme", name: Acme, envVar: ACME_API_KEY }
servers:
  - url: https://api.acme.example
security:
  - bearerAuth: []
paths:
  /items:
    get:
      operationId: listItems
      summary: List items
      parameters:
        - name: limit
          in: query
          schema: { type: integer }
      responses:
        "200":
          description: Items.
          content:
            application/json:
              schema: { type: array, items: { $ref: "#/components/schemas/Item" } }
              example: []
        "404":
          description: Not found.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Error" }
    post:
      operationId: createItem
      summary: Create an item
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/ItemCreate" }
      responses:
        "200":
          description: The item.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Item" }
  /items/{item_id}:
    get:
      operationId: getItem
      summary: Get an item
      parameters:
        - name: item_id
          in: path
          required: true
          schema: { type: string }
      responses:
        "200":
          description: The item.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Item" }
components:
  securitySchemes:
    bearerAuth: { type: http, scheme: bearer }
  schemas:
    Item:
      type: object
      required: [id, status]
      properties:
        id: { type: string }
        name: { type: string }
        status:
          anyOf:
            - { type: string, enum: [ready, failed] }
            - { type: string }
        kind: { type: string, enum: [llm, custom] }
        size: { type: [integer, "null"] }
        owner: { $ref: "#/components/schemas/User" }
    ItemCreate:
      type: object
      required: [name]
      properties:
        name: { type: string, description: Display name. }
        tier: { type: string, enum: [small, large] }
        replicas: { type: integer, minimum: 0 }
        weight: { type: number }
    User:
      type: object
      properties:
        login: { type: string }
    Team:
      type: object
      properties:
        slug: { type: string }
    Unused:
      type: object
      properties:
        a: { type: string }
    Error:
      type: object
      properties:
        message: { type: string }
`;

// biome-ignore lint/suspicious/noExplicitAny: test mutations reach anywhere into a parsed document
type Doc = any;

interface Case {
  name: string;
  base?: (doc: Doc) => void;
  head: (doc: Doc) => void;
  expected: Array<
    Pick<SpecChange, "kind" | "code" | "pointer" | "side"> & Partial<Pick<SpecChange, "directions" | "operations" | "wire" | "types">>
  >;
}

const ITEM = "#/components/schemas/Item";
const CREATE = "#/components/schemas/ItemCreate";
const ALL_ITEM_OPS = ["GET /items", "GET /items/{item_id}", "POST /items"];

const cases: Case[] = [
  // operations and paths
  {
    name: "operation removed → breaking",
    head: (d) => delete d.paths["/items"].post,
    expected: [{ kind: "breaking", code: "operation-removed", pointer: "#/paths/~1items/post", side: "base", operations: ["POST /items"] }],
  },
  {
    name: "path removed → breaking, once per operation it held",
    head: (d) => delete d.paths["/items/{item_id}"],
    expected: [
      { kind: "breaking", code: "path-removed", pointer: "#/paths/~1items~1{item_id}", side: "base", operations: ["GET /items/{item_id}"] },
    ],
  },
  {
    name: "operation added → feature",
    head: (d) => {
      d.paths["/items/{item_id}"].delete = { ...d.paths["/items/{item_id}"].get, operationId: "deleteItem" };
    },
    expected: [{ kind: "feature", code: "operation-added", pointer: "#/paths/~1items~1{item_id}/delete", side: "head" }],
  },
  {
    name: "operationId renamed so the method name changes → breaking",
    head: (d) => {
      d.paths["/items"].get.operationId = "listAllItems";
    },
    expected: [{ kind: "breaking", code: "operation-id-changed", pointer: "#/paths/~1items/get/operationId", side: "head" }],
  },
  {
    name: "operationId respelled to the same method name → fix",
    head: (d) => {
      d.paths["/items"].get.operationId = "list_items";
    },
    expected: [{ kind: "fix", code: "operation-id-respelled", pointer: "#/paths/~1items/get/operationId", side: "head" }],
  },
  {
    name: "operation moved to another path under the same operationId → breaking",
    head: (d) => {
      d.paths["/things/{item_id}"] = d.paths["/items/{item_id}"];
      delete d.paths["/items/{item_id}"];
    },
    expected: [{ kind: "breaking", code: "operation-moved", pointer: "#/paths/~1things~1{item_id}/get", side: "head" }],
  },
  {
    name: "operation deprecated → feature",
    head: (d) => {
      d.paths["/items"].get.deprecated = true;
    },
    expected: [{ kind: "feature", code: "deprecated", pointer: "#/paths/~1items/get/deprecated", side: "head" }],
  },
  // parameters
  {
    name: "path parameter renamed: the same URL (wire: fix), but the method's argument changes (types: breaking)",
    head: (d) => {
      d.paths["/items/{id}"] = d.paths["/items/{item_id}"];
      delete d.paths["/items/{item_id}"];
      d.paths["/items/{id}"].get.parameters[0].name = "id";
    },
    expected: [
      {
        kind: "breaking",
        wire: "fix",
        types: "breaking",
        code: "path-parameter-renamed",
        pointer: "#/paths/~1items~1{id}/get/parameters/0",
        side: "head",
      },
    ],
  },
  {
    name: "required parameter added → breaking",
    head: (d) => d.paths["/items"].get.parameters.push({ name: "owner", in: "query", required: true, schema: { type: "string" } }),
    expected: [{ kind: "breaking", code: "required-parameter-added", pointer: "#/paths/~1items/get/parameters/1", side: "head" }],
  },
  {
    name: "optional parameter added → feature",
    head: (d) => d.paths["/items"].get.parameters.push({ name: "owner", in: "query", schema: { type: "string" } }),
    expected: [{ kind: "feature", code: "parameter-added", pointer: "#/paths/~1items/get/parameters/1", side: "head" }],
  },
  {
    name: "parameter became required → breaking",
    head: (d) => {
      d.paths["/items"].get.parameters[0].required = true;
    },
    expected: [{ kind: "breaking", code: "parameter-became-required", pointer: "#/paths/~1items/get/parameters/0", side: "head" }],
  },
  {
    name: "parameter became optional → feature",
    base: (d) => {
      d.paths["/items"].get.parameters[0].required = true;
    },
    head: () => {},
    expected: [{ kind: "feature", code: "parameter-became-optional", pointer: "#/paths/~1items/get/parameters/0", side: "head" }],
  },
  {
    name: "parameter removed → breaking",
    head: (d) => delete d.paths["/items"].get.parameters,
    expected: [{ kind: "breaking", code: "parameter-removed", pointer: "#/paths/~1items/get/parameters/0", side: "base" }],
  },
  {
    name: "parameter type narrowed (request side) → breaking",
    base: (d) => {
      d.paths["/items"].get.parameters[0].schema = { type: ["integer", "string"] };
    },
    head: () => {},
    expected: [
      {
        kind: "breaking",
        code: "type-narrowed",
        pointer: "#/paths/~1items/get/parameters/0/schema/type",
        side: "head",
        directions: ["request"],
      },
    ],
  },
  // request bodies
  {
    name: "request field became required → breaking",
    head: (d) => d.components.schemas.ItemCreate.required.push("tier"),
    expected: [
      { kind: "breaking", code: "property-became-required", pointer: `${CREATE}/properties/tier`, side: "head", directions: ["request"] },
    ],
  },
  {
    name: "request field made optional → feature",
    head: (d) => {
      d.components.schemas.ItemCreate.required = [];
    },
    expected: [
      {
        kind: "feature",
        code: "property-became-optional",
        pointer: `${CREATE}/properties/name`,
        side: "head",
        operations: ["POST /items"],
      },
    ],
  },
  {
    name: "required request field added → breaking",
    head: (d) => {
      d.components.schemas.ItemCreate.properties.color = { type: "string" };
      d.components.schemas.ItemCreate.required.push("color");
    },
    expected: [{ kind: "breaking", code: "required-property-added", pointer: `${CREATE}/properties/color`, side: "head" }],
  },
  {
    name: "optional request field added → feature",
    head: (d) => {
      d.components.schemas.ItemCreate.properties.color = { type: "string" };
    },
    expected: [{ kind: "feature", code: "property-added", pointer: `${CREATE}/properties/color`, side: "head" }],
  },
  {
    name: "request field removed → breaking",
    head: (d) => delete d.components.schemas.ItemCreate.properties.weight,
    expected: [{ kind: "breaking", code: "property-removed", pointer: `${CREATE}/properties/weight`, side: "base" }],
  },
  {
    name: "request type narrowed (number → integer) → breaking",
    head: (d) => {
      d.components.schemas.ItemCreate.properties.weight.type = "integer";
    },
    expected: [{ kind: "breaking", code: "type-narrowed", pointer: `${CREATE}/properties/weight/type`, side: "head" }],
  },
  {
    name: "request type widened (integer → number) → feature",
    head: (d) => {
      d.components.schemas.ItemCreate.properties.replicas.type = "number";
    },
    expected: [{ kind: "feature", code: "type-widened", pointer: `${CREATE}/properties/replicas/type`, side: "head" }],
  },
  {
    name: "request field accepts null → feature",
    head: (d) => {
      d.components.schemas.ItemCreate.properties.weight.type = ["number", "null"];
    },
    expected: [{ kind: "feature", code: "became-nullable", pointer: `${CREATE}/properties/weight`, side: "head" }],
  },
  {
    name: "request minimum raised → breaking",
    head: (d) => {
      d.components.schemas.ItemCreate.properties.replicas.minimum = 1;
    },
    expected: [{ kind: "breaking", code: "constraint-tightened", pointer: `${CREATE}/properties/replicas/minimum`, side: "head" }],
  },
  {
    name: "request body became optional → feature",
    head: (d) => {
      d.paths["/items"].post.requestBody.required = false;
    },
    expected: [{ kind: "feature", code: "request-body-became-optional", pointer: "#/paths/~1items/post/requestBody", side: "head" }],
  },
  {
    name: "request body removed → breaking",
    head: (d) => delete d.paths["/items"].post.requestBody,
    expected: [{ kind: "breaking", code: "request-body-removed", pointer: "#/paths/~1items/post/requestBody", side: "base" }],
  },
  // responses
  {
    name: "response field removed → breaking, reported once for every operation returning it",
    head: (d) => delete d.components.schemas.Item.properties.name,
    expected: [
      {
        kind: "breaking",
        code: "property-removed",
        pointer: `${ITEM}/properties/name`,
        side: "base",
        operations: ALL_ITEM_OPS,
        directions: ["response"],
      },
    ],
  },
  {
    name: "response field made optional → breaking",
    head: (d) => {
      d.components.schemas.Item.required = ["id"];
    },
    expected: [
      { kind: "breaking", code: "property-became-optional", pointer: `${ITEM}/properties/status`, side: "head", directions: ["response"] },
    ],
  },
  {
    name: "response field added (even required) → feature",
    head: (d) => {
      d.components.schemas.Item.properties.region = { type: "string" };
      d.components.schemas.Item.required.push("region");
    },
    expected: [{ kind: "feature", code: "required-property-added", pointer: `${ITEM}/properties/region`, side: "head" }],
  },
  {
    name: "response field became required → fix (callers may rely on more)",
    head: (d) => d.components.schemas.Item.required.push("name"),
    expected: [{ kind: "fix", code: "property-became-required", pointer: `${ITEM}/properties/name`, side: "head" }],
  },
  {
    name: "response type widened → breaking",
    head: (d) => {
      d.components.schemas.Item.properties.id.type = ["string", "integer"];
    },
    expected: [{ kind: "breaking", code: "type-widened", pointer: `${ITEM}/properties/id/type`, side: "head" }],
  },
  {
    name: "type changed to an unrelated one → breaking",
    head: (d) => {
      d.components.schemas.Item.properties.id.type = "integer";
    },
    expected: [{ kind: "breaking", code: "type-changed", pointer: `${ITEM}/properties/id/type`, side: "head" }],
  },
  {
    name: "response field may now be null → breaking",
    head: (d) => {
      d.components.schemas.Item.properties.name = { anyOf: [{ type: "string" }, { type: "null" }] };
    },
    expected: [{ kind: "breaking", code: "became-nullable", pointer: `${ITEM}/properties/name`, side: "head" }],
  },
  {
    name: "response field no longer null → fix",
    head: (d) => {
      d.components.schemas.Item.properties.size.type = "integer";
    },
    expected: [{ kind: "fix", code: "no-longer-nullable", pointer: `${ITEM}/properties/size`, side: "head" }],
  },
  {
    name: "response alternative added → breaking",
    head: (d) => {
      d.components.schemas.Item.properties.owner = {
        anyOf: [{ $ref: "#/components/schemas/User" }, { $ref: "#/components/schemas/Team" }],
      };
    },
    expected: [{ kind: "breaking", code: "variant-added", pointer: `${ITEM}/properties/owner/anyOf/1`, side: "head" }],
  },
  {
    name: "2xx response added: the result type gains an alternative → breaking",
    head: (d) => {
      d.paths["/items"].post.responses["201"] = d.paths["/items"].post.responses["200"];
    },
    expected: [{ kind: "breaking", code: "response-added", pointer: "#/paths/~1items/post/responses/201", side: "head" }],
  },
  {
    name: "error response added → fix",
    head: (d) => {
      d.paths["/items"].post.responses["404"] = d.paths["/items"].get.responses["404"];
    },
    expected: [{ kind: "fix", code: "error-response-added", pointer: "#/paths/~1items/post/responses/404", side: "head" }],
  },
  {
    name: "error body field removed → fix (error bodies are not typed on the client)",
    head: (d) => delete d.components.schemas.Error.properties.message,
    expected: [{ kind: "fix", code: "property-removed", pointer: "#/components/schemas/Error/properties/message", side: "base" }],
  },
  // enums
  {
    name: "closed enum value removed (request) → breaking",
    head: (d) => {
      d.components.schemas.ItemCreate.properties.tier.enum = ["small"];
    },
    expected: [{ kind: "breaking", code: "enum-value-removed", pointer: `${CREATE}/properties/tier/enum/1`, side: "base" }],
  },
  {
    name: "closed enum value removed (response) → breaking",
    head: (d) => {
      d.components.schemas.Item.properties.kind.enum = ["llm"];
    },
    expected: [{ kind: "breaking", code: "enum-value-removed", pointer: `${ITEM}/properties/kind/enum/1`, side: "base" }],
  },
  {
    name: "closed enum value added (request) → feature",
    head: (d) => d.components.schemas.ItemCreate.properties.tier.enum.push("medium"),
    expected: [{ kind: "feature", code: "enum-value-added", pointer: `${CREATE}/properties/tier/enum/2`, side: "head" }],
  },
  {
    name: "closed enum value added (response) → breaking",
    head: (d) => d.components.schemas.Item.properties.kind.enum.push("batch"),
    expected: [{ kind: "breaking", code: "enum-value-added", pointer: `${ITEM}/properties/kind/enum/2`, side: "head" }],
  },
  {
    name: "open enum value added → feature",
    head: (d) => d.components.schemas.Item.properties.status.anyOf[0].enum.push("building"),
    expected: [{ kind: "feature", code: "open-enum-value-added", pointer: `${ITEM}/properties/status/anyOf/0/enum/2`, side: "head" }],
  },
  {
    name: "open enum value removed → fix (still accepted as a string)",
    head: (d) => {
      d.components.schemas.Item.properties.status.anyOf[0].enum = ["ready"];
    },
    expected: [{ kind: "fix", code: "open-enum-value-removed", pointer: `${ITEM}/properties/status/anyOf/0/enum/1`, side: "base" }],
  },
  {
    name: "open enum closed → breaking",
    head: (d) => {
      d.components.schemas.Item.properties.status = { type: "string", enum: ["ready", "failed"] };
    },
    expected: [{ kind: "breaking", code: "enum-closed", pointer: `${ITEM}/properties/status/enum`, side: "head" }],
  },
  {
    name: "closed enum opened (response) → breaking",
    head: (d) => {
      d.components.schemas.Item.properties.kind = { anyOf: [{ type: "string", enum: ["llm", "custom"] }, { type: "string" }] };
    },
    expected: [{ kind: "breaking", code: "enum-opened", pointer: `${ITEM}/properties/kind/anyOf/0/enum`, side: "head" }],
  },
  {
    name: "closed enum opened (request) → feature",
    head: (d) => {
      d.components.schemas.ItemCreate.properties.tier = { anyOf: [{ type: "string", enum: ["small", "large"] }, { type: "string" }] };
    },
    expected: [{ kind: "feature", code: "enum-opened", pointer: `${CREATE}/properties/tier/anyOf/0/enum`, side: "head" }],
  },
  // auth, servers, identity
  {
    name: "auth replaced → the old requirement no longer accepted (breaking), a new one accepted, for every operation",
    head: (d) => {
      d.components.securitySchemes.apiKey = { type: "apiKey", in: "header", name: "X-API-Key" };
      d.security = [{ apiKey: [] }];
    },
    expected: [
      {
        kind: "breaking",
        wire: "breaking",
        types: "fix",
        code: "security-alternative-removed",
        pointer: "#/security",
        side: "head",
        operations: ALL_ITEM_OPS,
      },
      { kind: "feature", code: "security-alternative-added", pointer: "#/security", side: "head", operations: ALL_ITEM_OPS },
      { kind: "fix", code: "security-scheme-added", pointer: "#/components/securitySchemes/apiKey", side: "head" },
    ],
  },
  {
    name: "security scheme redefined → breaking",
    head: (d) => {
      d.components.securitySchemes.bearerAuth.scheme = "ApiKey";
    },
    expected: [
      { kind: "breaking", code: "security-scheme-changed", pointer: "#/components/securitySchemes/bearerAuth/scheme", side: "head" },
    ],
  },
  {
    name: "default server URL changed → breaking",
    head: (d) => {
      d.servers[0].url = "https://eu.api.acme.example";
    },
    expected: [{ kind: "breaking", code: "server-url-changed", pointer: "#/servers/0/url", side: "head" }],
  },
  {
    name: "default server URL only gains a trailing slash → no change",
    head: (d) => {
      d.servers[0].url = "https://api.acme.example/";
    },
    expected: [],
  },
  {
    name: "generated identity (x-modelfleet.name) changed → breaking",
    head: (d) => {
      d.info["x-modelfleet"].name = "AcmeCloud";
    },
    expected: [{ kind: "breaking", code: "package-identity-changed", pointer: "#/info/x-modelfleet/name", side: "head" }],
  },
  // component schemas
  {
    name: "component schema removed: its exported type goes → breaking",
    head: (d) => delete d.components.schemas.Unused,
    expected: [{ kind: "breaking", code: "schema-removed", pointer: "#/components/schemas/Unused", side: "base" }],
  },
  {
    name: "component schema added → feature",
    head: (d) => {
      d.components.schemas.Extra = { type: "string" };
    },
    expected: [{ kind: "feature", code: "schema-added", pointer: "#/components/schemas/Extra", side: "head" }],
  },
  {
    name: "schema no operation uses: judged in both directions, the worse wins",
    head: (d) => {
      d.components.schemas.Unused.required = ["a"];
    },
    expected: [
      {
        kind: "breaking",
        code: "property-became-required",
        pointer: "#/components/schemas/Unused/properties/a",
        side: "head",
        directions: ["request", "response"],
        operations: [],
      },
    ],
  },
  // documentation
  {
    name: "description changed → fix",
    head: (d) => {
      d.components.schemas.ItemCreate.properties.name.description = "Shown in the dashboard.";
    },
    expected: [{ kind: "fix", code: "description-changed", pointer: `${CREATE}/properties/name/description`, side: "head" }],
  },
  {
    name: "summary changed → fix",
    head: (d) => {
      d.paths["/items"].get.summary = "List every item";
    },
    expected: [{ kind: "fix", code: "summary-changed", pointer: "#/paths/~1items/get/summary", side: "head" }],
  },
  {
    name: "example changed → fix",
    head: (d) => {
      d.paths["/items"].get.responses["200"].content["application/json"].example = [{ id: "i1", status: "ready" }];
    },
    expected: [
      {
        kind: "fix",
        code: "example-changed",
        pointer: "#/paths/~1items/get/responses/200/content/application~1json/example",
        side: "head",
      },
    ],
  },
];

function pair(c: Case): { base: Doc; head: Doc } {
  const base = parse(BASE) as Doc;
  c.base?.(base);
  const head = parse(BASE) as Doc;
  c.head(head);
  return { base, head };
}

describe("diff rules", () => {
  it.each(cases)("$name", (c) => {
    const { base, head } = pair(c);
    const changes = diffDocuments(base, head);
    // Each expected entry names the fields it checks; kind, code, pointer and side always.
    const found = changes.map((change, i) => {
      const keys = Object.keys(c.expected[i] ?? {}) as Array<keyof SpecChange>;
      return Object.fromEntries([...new Set(["kind", "code", "pointer", "side", ...keys])].map((k) => [k, change[k as keyof SpecChange]]));
    });
    expect(found).toEqual(c.expected);
  });

  it("finds nothing between a spec and itself", () => {
    const doc = parse(BASE);
    expect(diffDocuments(doc, structuredClone(doc))).toEqual([]);
  });

  it("stops on recursive schemas", () => {
    const base = parse(BASE) as Doc;
    base.components.schemas.User.properties.manager = { $ref: "#/components/schemas/User" };
    const head = structuredClone(base);
    head.components.schemas.User.properties.email = { type: "string" };
    expect(diffDocuments(base, head).map((c) => [c.kind, c.code, c.pointer])).toEqual([
      ["feature", "property-added", "#/components/schemas/User/properties/email"],
    ]);
  });

  it("orders changes breaking first and names the operations each one reaches", () => {
    const { base, head } = pair({
      name: "mixed",
      head: (d) => {
        d.paths["/items"].get.summary = "Items";
        delete d.paths["/items"].post;
        d.components.schemas.Item.properties.region = { type: "string" };
      },
      expected: [],
    });
    const changes = diffDocuments(base, head);
    expect(changes.map((c) => c.kind)).toEqual(["breaking", "feature", "fix"]);
    // POST /items was removed, so the added response field now reaches the two GETs only
    expect(changes[1]?.operations).toEqual(["GET /items", "GET /items/{item_id}"]);
  });
});
