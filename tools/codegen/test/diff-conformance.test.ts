import { describe, expect, it } from "vitest";
import { RULES } from "../src/diff/rules.js";
import { diffDocuments } from "../src/diff/spec.js";
import type { ChangeKind } from "../src/diff/types.js";
import { api, type Doc, ERR, OP, obj, REQ, RES, webhook } from "./diff-conformance-api.js";

/**
 * The diff's conformance suite: one small base/revision pair per rule (several where the direction or the place
 * changes the verdicts), each asserting every change found as [kind, rule code, pointer, wire verdict, types verdict].
 */

type Expected = [kind: ChangeKind, code: string, pointer: string, wire: ChangeKind, types: ChangeKind];

interface Case {
  name: string;
  base: Doc;
  head: Doc;
  expected: Expected[];
}

const B = "breaking";
const F = "feature";
const X = "fix";

function edit(doc: Doc, change: (d: Doc) => void): Doc {
  change(doc);
  return doc;
}

const query = (name: string, schema: unknown, extra: Record<string, unknown> = {}) => ({ name, in: "query", schema, ...extra });
const op = (d: Doc) => d.paths["/things"].post;
const PAYLOAD = "#/components/schemas/Payload";
const hooked = (payload: unknown, hooks: Record<string, unknown> = { thingReady: webhook() }) =>
  api({ webhooks: hooks, schemas: { Payload: payload } });
const OAUTH = {
  oauth: {
    type: "oauth2",
    flows: { clientCredentials: { tokenUrl: "https://auth.acme.example/token", scopes: { read: "r", write: "w" } } },
  },
};
const API_KEY = { apiKey: { type: "apiKey", in: "header", name: "X-API-Key" } };
/** `{if, then}`: JSON Schema's conditional. */
const conditional = (when: unknown, then: unknown) => ({
  if: when,
  then,
});
const PAGED = { style: "offset", items: "/data", offset: "offset" };
const PAGINATION = `${OP}/x-modelfleet-pagination`;
const TUPLE = { type: "array", prefixItems: [{ type: "string" }] };

const families: Record<string, Case[]> = {
  operations: [
    {
      name: "operation removed",
      base: edit(api(), (d) => {
        d.paths["/things"].get = { operationId: "listThings", responses: { "200": { description: "ok" } } };
      }),
      head: api(),
      expected: [[B, "operation-removed", "#/paths/~1things/get", B, B]],
    },
    {
      name: "path removed",
      base: edit(api(), (d) => {
        d.paths["/other"] = { get: { operationId: "other", responses: { "200": { description: "ok" } } } };
      }),
      head: api(),
      expected: [[B, "path-removed", "#/paths/~1other", B, B]],
    },
    {
      name: "operation moved under the same operationId: a wire break, the method survives",
      base: api(),
      head: api({ path: "/items" }),
      expected: [[B, "operation-moved", "#/paths/~1items/post", B, X]],
    },
    {
      name: "operation added",
      base: api(),
      head: edit(api(), (d) => {
        d.paths["/things"].get = { operationId: "listThings", responses: { "200": { description: "ok" } } };
      }),
      expected: [[F, "operation-added", "#/paths/~1things/get", F, F]],
    },
    {
      name: "operationId renamed: same URL, the method's name changes",
      base: api(),
      head: api({ operationId: "makeThing" }),
      expected: [[B, "operation-id-changed", `${OP}/operationId`, X, B]],
    },
    {
      name: "operationId respelled to the same method name",
      base: api(),
      head: api({ operationId: "create_thing" }),
      expected: [[X, "operation-id-respelled", `${OP}/operationId`, X, X]],
    },
    {
      name: "operation deprecated",
      base: api(),
      head: edit(api(), (d) => {
        op(d).deprecated = true;
      }),
      expected: [[F, "deprecated", `${OP}/deprecated`, X, F]],
    },
    {
      name: "operation no longer deprecated",
      base: edit(api(), (d) => {
        op(d).deprecated = true;
      }),
      head: api(),
      expected: [[X, "undeprecated", OP, X, X]],
    },
  ],
  webhooks: [
    {
      name: "webhook removed",
      base: hooked(obj({ id: { type: "string" } })),
      head: hooked(obj({ id: { type: "string" } }), {}),
      expected: [[B, "webhook-removed", "#/webhooks/thingReady/post", B, B]],
    },
    {
      name: "webhook added",
      base: hooked(obj({ id: { type: "string" } }), {}),
      head: hooked(obj({ id: { type: "string" } })),
      expected: [[F, "webhook-added", "#/webhooks/thingReady/post", F, F]],
    },
    {
      name: "webhook payload field made optional: the subscriber receives it, so a response-side break",
      base: hooked(obj({ id: { type: "string" } }, ["id"])),
      head: hooked(obj({ id: { type: "string" } })),
      expected: [[B, "property-became-optional", `${PAYLOAD}/properties/id`, B, B]],
    },
    {
      name: "webhook payload field made required: a fix for the subscriber",
      base: hooked(obj({ id: { type: "string" } })),
      head: hooked(obj({ id: { type: "string" } }, ["id"])),
      expected: [[X, "property-became-required", `${PAYLOAD}/properties/id`, X, X]],
    },
    {
      name: "webhook header made required: the receiver gets more",
      base: hooked(obj({}), {
        thingReady: edit(webhook(), (w) => (w.post.parameters = [{ name: "X-Sig", in: "header", schema: { type: "string" } }])),
      }),
      head: hooked(obj({}), {
        thingReady: edit(
          webhook(),
          (w) => (w.post.parameters = [{ name: "X-Sig", in: "header", required: true, schema: { type: "string" } }]),
        ),
      }),
      expected: [[X, "parameter-became-required", "#/webhooks/thingReady/post/parameters/0", X, X]],
    },
    {
      name: "webhook header made optional: the receiver must handle its absence",
      base: hooked(obj({}), {
        thingReady: edit(
          webhook(),
          (w) => (w.post.parameters = [{ name: "X-Sig", in: "header", required: true, schema: { type: "string" } }]),
        ),
      }),
      head: hooked(obj({}), {
        thingReady: edit(webhook(), (w) => (w.post.parameters = [{ name: "X-Sig", in: "header", schema: { type: "string" } }])),
      }),
      expected: [[B, "parameter-became-optional", "#/webhooks/thingReady/post/parameters/0", B, B]],
    },
    {
      name: "webhook payload closed enum gains a value",
      base: hooked(obj({ state: { type: "string", enum: ["ready"] } })),
      head: hooked(obj({ state: { type: "string", enum: ["ready", "failed"] } })),
      expected: [[B, "enum-value-added", `${PAYLOAD}/properties/state/enum/1`, B, B]],
    },
  ],
  parameters: [
    {
      name: "parameter removed",
      base: api({ params: [query("limit", { type: "integer" })] }),
      head: api(),
      expected: [[B, "parameter-removed", `${OP}/parameters/0`, B, B]],
    },
    {
      name: "optional parameter added",
      base: api(),
      head: api({ params: [query("limit", { type: "integer" })] }),
      expected: [[F, "parameter-added", `${OP}/parameters/0`, F, F]],
    },
    {
      name: "required parameter added",
      base: api(),
      head: api({ params: [query("limit", { type: "integer" }, { required: true })] }),
      expected: [[B, "required-parameter-added", `${OP}/parameters/0`, B, B]],
    },
    {
      name: "parameter made required",
      base: api({ params: [query("limit", { type: "integer" })] }),
      head: api({ params: [query("limit", { type: "integer" }, { required: true })] }),
      expected: [[B, "parameter-became-required", `${OP}/parameters/0`, B, B]],
    },
    {
      name: "parameter made optional",
      base: api({ params: [query("limit", { type: "integer" }, { required: true })] }),
      head: api({ params: [query("limit", { type: "integer" })] }),
      expected: [[F, "parameter-became-optional", `${OP}/parameters/0`, F, F]],
    },
    {
      name: "path parameter renamed: the URL is the same, the argument is renamed",
      base: api({ path: "/things/{id}", params: [{ name: "id", in: "path", required: true, schema: { type: "string" } }] }),
      head: api({ path: "/things/{thing_id}", params: [{ name: "thing_id", in: "path", required: true, schema: { type: "string" } }] }),
      expected: [[B, "path-parameter-renamed", "#/paths/~1things~1{thing_id}/post/parameters/0", X, B]],
    },
    {
      name: "query parameter widened from one value to an array: one value is still valid on the wire",
      base: api({ params: [query("tag", { type: "string" })] }),
      head: api({ params: [query("tag", { type: "array", items: { type: "string" } })] }),
      expected: [[B, "parameter-became-array", `${OP}/parameters/0/schema/type`, F, B]],
    },
    {
      name: "query parameter became an array of another type: the items are compared with the old schema",
      base: api({ params: [query("tag", { type: "string" })] }),
      head: api({ params: [query("tag", { type: "array", items: { type: "integer" } })] }),
      expected: [
        [B, "parameter-became-array", `${OP}/parameters/0/schema/type`, F, B],
        [B, "type-changed", `${OP}/parameters/0/schema/items/type`, B, B],
      ],
    },
    {
      name: "query parameter became a nullable array (`type: [array, null]`): still parameter-became-array",
      base: api({ params: [query("tag", { type: "string" })] }),
      head: api({ params: [query("tag", { type: ["array", "null"], items: { type: "string" } })] }),
      expected: [[B, "parameter-became-array", `${OP}/parameters/0/schema/type`, F, B]],
    },
    {
      name: "query parameter became an array of strings from string | integer: values are text, no narrowing of its own",
      base: api({ params: [query("tag", { type: ["string", "integer"] })] }),
      head: api({ params: [query("tag", { type: "array", items: { type: "string" } })] }),
      expected: [[B, "parameter-became-array", `${OP}/parameters/0/schema/type`, F, B]],
    },
    {
      name: "query parameter became an array of integers from integer: `5` and `[5]` are sent alike",
      base: api({ params: [query("tag", { type: "integer" })] }),
      head: api({ params: [query("tag", { type: "array", items: { type: "string" } })] }),
      expected: [[B, "parameter-became-array", `${OP}/parameters/0/schema/type`, F, B]],
    },
    {
      name: "a deepObject query property from number to string: `5` is sent as the text 5 either way",
      base: api({ params: [query("filter", obj({ min: { type: "number" } }), { style: "deepObject", explode: true })] }),
      head: api({ params: [query("filter", obj({ min: { type: "string" } }), { style: "deepObject", explode: true })] }),
      expected: [[B, "type-changed", `${OP}/parameters/0/schema/properties/min/type`, X, B]],
    },
    {
      name: "a deepObject query property from string to integer: text that is no number is refused",
      base: api({ params: [query("filter", obj({ min: { type: "string" } }), { style: "deepObject", explode: true })] }),
      head: api({ params: [query("filter", obj({ min: { type: "integer" } }), { style: "deepObject", explode: true })] }),
      expected: [[B, "type-changed", `${OP}/parameters/0/schema/properties/min/type`, B, B]],
    },
    {
      name: "path parameters are matched by name: a base whose template and parameter name disagree is no remove and add",
      base: api({ path: "/things/{id}", params: [{ name: "thing_id", in: "path", required: true, schema: { type: "string" } }] }),
      head: api({ path: "/things/{thing_id}", params: [{ name: "thing_id", in: "path", required: true, schema: { type: "string" } }] }),
      expected: [],
    },
    {
      name: "a path parameter whose name disagreed with its template, renamed to agree: one rename",
      base: api({ path: "/things/{id}", params: [{ name: "thing_id", in: "path", required: true, schema: { type: "string" } }] }),
      head: api({ path: "/things/{id}", params: [{ name: "id", in: "path", required: true, schema: { type: "string" } }] }),
      expected: [[B, "path-parameter-renamed", "#/paths/~1things~1{id}/post/parameters/0", X, B]],
    },
    {
      name: "two path parameters renamed: each is matched at its place in the template",
      base: api({
        path: "/things/{a}/parts/{b}",
        params: ["a", "b"].map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
      }),
      head: api({
        path: "/things/{thing}/parts/{part}",
        params: ["part", "thing"].map((name) => ({
          name,
          in: "path",
          required: true,
          schema: { type: name === "part" ? "integer" : "string" },
        })),
      }),
      expected: [
        [B, "path-parameter-renamed", "#/paths/~1things~1{thing}~1parts~1{part}/post/parameters/0", X, B],
        // `b` became `part`, now an integer: text that is no number is refused.
        [B, "type-changed", "#/paths/~1things~1{thing}~1parts~1{part}/post/parameters/0/schema/type", B, B],
        [B, "path-parameter-renamed", "#/paths/~1things~1{thing}~1parts~1{part}/post/parameters/1", X, B],
      ],
    },
    {
      name: "a query parameter's default changed: a fix, the server applies it whatever the package version",
      base: api({ params: [query("limit", { type: "integer", default: 10 })] }),
      head: api({ params: [query("limit", { type: "integer", default: 20 })] }),
      expected: [[X, "default-changed", `${OP}/parameters/0/schema/default`, X, X]],
    },
    {
      name: "parameter serialization changed",
      base: api({ params: [query("tag", { type: "array", items: { type: "string" } })] }),
      head: api({ params: [query("tag", { type: "array", items: { type: "string" } }, { explode: false })] }),
      expected: [[B, "parameter-serialization-changed", `${OP}/parameters/0/explode`, B, X]],
    },
  ],
  bodies: [
    {
      name: "a request body's schema removed: one widening, no property removed",
      base: api(),
      head: edit(api(), (d) => delete op(d).requestBody.content["application/json"].schema),
      expected: [[F, "type-widened", `${OP}/requestBody/content/application~1json/schema`, F, F]],
    },
    {
      name: "a request property's schema emptied: one widening, not its properties removed",
      base: api({ req: obj({ meta: obj({ a: { type: "string" }, b: { type: "integer" } }, ["a"]) }) }),
      head: api({ req: obj({ meta: {} }) }),
      expected: [[F, "type-widened", `${REQ}/properties/meta`, F, F]],
    },
    {
      name: "an XML response body changed: read as a string, its schema is typed nowhere",
      base: api({ resMedia: "application/xml", res: obj({ name: { type: "string" }, size: { type: "integer" } }, ["size"]) }),
      head: api({ resMedia: "application/xml", res: obj({ name: { type: "integer" } }) }),
      expected: [
        [X, "property-removed", `${RES}/properties/size`, X, X],
        [X, "type-changed", `${RES}/properties/name/type`, X, X],
      ],
    },
    {
      name: "an XML request body changed: the client cannot send one",
      base: api({ reqMedia: "application/xml" }),
      head: api({ reqMedia: "application/xml", req: obj({ name: { type: "string" }, id: { type: "string" } }, ["id"]) }),
      expected: [[X, "required-property-added", `${REQ}/properties/id`, X, X]],
    },
    {
      name: "request body removed",
      base: api(),
      head: edit(api(), (d) => delete op(d).requestBody),
      expected: [[B, "request-body-removed", `${OP}/requestBody`, B, B]],
    },
    {
      name: "optional request body added",
      base: edit(api(), (d) => delete op(d).requestBody),
      head: edit(api(), (d) => {
        op(d).requestBody.required = false;
      }),
      expected: [[F, "request-body-added", `${OP}/requestBody`, F, F]],
    },
    {
      name: "required request body added",
      base: edit(api(), (d) => delete op(d).requestBody),
      head: api(),
      expected: [[B, "required-request-body-added", `${OP}/requestBody`, B, B]],
    },
    {
      name: "request body made required",
      base: edit(api(), (d) => {
        op(d).requestBody.required = false;
      }),
      head: api(),
      expected: [[B, "request-body-became-required", `${OP}/requestBody`, B, B]],
    },
    {
      name: "request body made optional",
      base: api(),
      head: edit(api(), (d) => {
        op(d).requestBody.required = false;
      }),
      expected: [[F, "request-body-became-optional", `${OP}/requestBody`, F, F]],
    },
  ],
  "media types": [
    {
      name: "error response application/json → application/problem+json: same family, same body",
      base: api(),
      head: api({ errMedia: "application/problem+json" }),
      expected: [[X, "media-type-renamed", `${OP}/responses/400/content/application~1problem+json`, X, X]],
    },
    {
      name: "success response application/json → a vendor +json type: still parsed and typed as JSON",
      base: api(),
      head: api({ resMedia: "application/vnd.acme.thing+json; charset=utf-8" }),
      expected: [[X, "media-type-renamed", `${OP}/responses/200/content/application~1vnd.acme.thing+json; charset=utf-8`, X, X]],
    },
    {
      name: "request application/json → application/merge-patch+json: the server may refuse the old Content-Type",
      base: api(),
      head: api({ reqMedia: "application/merge-patch+json" }),
      expected: [[B, "media-type-renamed", `${OP}/requestBody/content/application~1merge-patch+json`, B, X]],
    },
    {
      name: "a change inside a renamed media type is still found",
      base: api({ res: obj({ name: { type: "string" } }, ["name"]) }),
      head: api({ resMedia: "application/hal+json", res: obj({ name: { type: "string" } }) }),
      expected: [
        [B, "property-became-optional", `${RES}/properties/name`, B, B],
        [X, "media-type-renamed", `${OP}/responses/200/content/application~1hal+json`, X, X],
      ],
    },
    {
      name: "request media type removed",
      base: edit(api(), (d) => {
        op(d).requestBody.content["application/x-www-form-urlencoded"] = { schema: { $ref: REQ } };
      }),
      head: api(),
      expected: [[B, "request-media-type-removed", `${OP}/requestBody/content/application~1x-www-form-urlencoded`, B, B]],
    },
    {
      name: "request media type added",
      base: api(),
      head: edit(api(), (d) => {
        op(d).requestBody.content["multipart/form-data"] = { schema: { $ref: REQ } };
      }),
      expected: [[F, "request-media-type-added", `${OP}/requestBody/content/multipart~1form-data`, F, X]],
    },
    {
      name: "success response media type of another family: removed and added",
      base: api(),
      head: api({ resMedia: "text/csv" }),
      expected: [
        [B, "response-media-type-removed", `${OP}/responses/200/content/application~1json`, B, B],
        [F, "response-media-type-added", `${OP}/responses/200/content/text~1csv`, F, X],
      ],
    },
  ],
  responses: [
    {
      name: "success response removed",
      base: edit(api(), (d) => {
        op(d).responses["201"] = { description: "Created." };
      }),
      head: api(),
      expected: [[B, "response-removed", `${OP}/responses/201`, B, B]],
    },
    {
      name: "success response added",
      base: api(),
      head: edit(api(), (d) => {
        op(d).responses["202"] = { description: "Accepted." };
      }),
      expected: [[B, "response-added", `${OP}/responses/202`, B, B]],
    },
    {
      name: "error response removed",
      base: api(),
      head: edit(api(), (d) => delete op(d).responses["400"]),
      expected: [[X, "error-response-removed", `${OP}/responses/400`, X, X]],
    },
    {
      name: "error response added",
      base: edit(api(), (d) => delete op(d).responses["400"]),
      head: api(),
      expected: [[X, "error-response-added", `${OP}/responses/400`, X, X]],
    },
    {
      name: "a field removed from an error body",
      base: api({ err: obj({ message: { type: "string" } }, ["message"]) }),
      head: api({ err: obj({}) }),
      expected: [[X, "property-removed", `${ERR}/properties/message`, X, X]],
    },
    {
      name: "response headers changed",
      base: api(),
      head: edit(api(), (d) => {
        op(d).responses["200"].headers = { "X-Request-Id": { schema: { type: "string" } } };
      }),
      expected: [[X, "response-headers-changed", `${OP}/responses/200/headers`, X, X]],
    },
  ],
  properties: [
    {
      name: "request property removed",
      base: api(),
      head: api({ req: obj({}) }),
      expected: [[B, "property-removed", `${REQ}/properties/name`, B, B]],
    },
    {
      name: "required response property removed",
      base: api({ res: obj({ name: { type: "string" } }, ["name"]) }),
      head: api({ res: obj({}) }),
      expected: [[B, "property-removed", `${RES}/properties/name`, B, B]],
    },
    {
      name: "optional response property removed: readers already handle its absence; its field leaves the type",
      base: api(),
      head: api({ res: obj({}) }),
      expected: [[B, "property-removed", `${RES}/properties/name`, X, B]],
    },
    {
      name: "optional request property added",
      base: api(),
      head: api({ req: obj({ name: { type: "string" }, color: { type: "string" } }) }),
      expected: [[F, "property-added", `${REQ}/properties/color`, F, F]],
    },
    {
      name: "required request property added",
      base: api(),
      head: api({ req: obj({ name: { type: "string" }, color: { type: "string" } }, ["color"]) }),
      expected: [[B, "required-property-added", `${REQ}/properties/color`, B, B]],
    },
    {
      name: "required response property added",
      base: api(),
      head: api({ res: obj({ name: { type: "string" }, color: { type: "string" } }, ["color"]) }),
      expected: [[F, "required-property-added", `${RES}/properties/color`, F, F]],
    },
    {
      name: "request property made required",
      base: api(),
      head: api({ req: obj({ name: { type: "string" } }, ["name"]) }),
      expected: [[B, "property-became-required", `${REQ}/properties/name`, B, B]],
    },
    {
      name: "response property made optional",
      base: api({ res: obj({ name: { type: "string" } }, ["name"]) }),
      head: api(),
      expected: [[B, "property-became-optional", `${RES}/properties/name`, B, B]],
    },
    {
      name: "request property made optional",
      base: api({ req: obj({ name: { type: "string" } }, ["name"]) }),
      head: api(),
      expected: [[F, "property-became-optional", `${REQ}/properties/name`, F, F]],
    },
  ],
  "readOnly and writeOnly": [
    {
      name: "required readOnly property added to a request schema: senders never send it; the generated type still requires it",
      base: api(),
      head: api({ req: obj({ name: { type: "string" }, id: { type: "string", readOnly: true } }, ["id"]) }),
      expected: [[B, "required-property-added", `${REQ}/properties/id`, X, B]],
    },
    {
      name: "a readOnly property's type changed in a request schema: not on the wire, still in the type",
      base: api({ req: obj({ name: { type: "string" }, id: { type: "string", readOnly: true } }) }),
      head: api({ req: obj({ name: { type: "string" }, id: { type: "integer", readOnly: true } }) }),
      expected: [[B, "type-changed", `${REQ}/properties/id/type`, X, B]],
    },
    {
      name: "a writeOnly property removed from a response schema: never received anyway",
      base: api({ res: obj({ name: { type: "string" }, secret: { type: "string", writeOnly: true } }) }),
      head: api(),
      expected: [[B, "property-removed", `${RES}/properties/secret`, X, B]],
    },
    {
      name: "request property marked readOnly",
      base: api({ req: obj({ id: { type: "string" } }) }),
      head: api({ req: obj({ id: { type: "string", readOnly: true } }) }),
      expected: [[B, "became-read-only", `${REQ}/properties/id/readOnly`, B, B]],
    },
    {
      name: "request property no longer readOnly",
      base: api({ req: obj({ id: { type: "string", readOnly: true } }) }),
      head: api({ req: obj({ id: { type: "string" } }) }),
      expected: [[F, "no-longer-read-only", `${REQ}/properties/id/readOnly`, F, X]],
    },
    {
      name: "response property marked writeOnly: responses stop carrying it",
      base: api({ res: obj({ secret: { type: "string" } }) }),
      head: api({ res: obj({ secret: { type: "string", writeOnly: true } }) }),
      expected: [[B, "became-write-only", `${RES}/properties/secret/writeOnly`, B, X]],
    },
    {
      name: "response property no longer writeOnly",
      base: api({ res: obj({ secret: { type: "string", writeOnly: true } }) }),
      head: api({ res: obj({ secret: { type: "string" } }) }),
      expected: [[X, "no-longer-write-only", `${RES}/properties/secret/writeOnly`, X, X]],
    },
  ],
  types: [
    {
      name: "request type narrowed",
      base: api({ req: obj({ n: { type: "number" } }) }),
      head: api({ req: obj({ n: { type: "integer" } }) }),
      expected: [[B, "type-narrowed", `${REQ}/properties/n/type`, B, B]],
    },
    {
      name: "response type narrowed",
      base: api({ res: obj({ n: { type: "number" } }) }),
      head: api({ res: obj({ n: { type: "integer" } }) }),
      expected: [[X, "type-narrowed", `${RES}/properties/n/type`, X, X]],
    },
    {
      name: "response type widened",
      base: api({ res: obj({ n: { type: "integer" } }) }),
      head: api({ res: obj({ n: { type: ["integer", "string"] } }) }),
      expected: [[B, "type-widened", `${RES}/properties/n/type`, B, B]],
    },
    {
      name: "request type widened",
      base: api({ req: obj({ n: { type: "integer" } }) }),
      head: api({ req: obj({ n: { type: "number" } }) }),
      expected: [[F, "type-widened", `${REQ}/properties/n/type`, F, F]],
    },
    {
      name: "type changed to an unrelated one",
      base: api({ res: obj({ n: { type: "integer" } }) }),
      head: api({ res: obj({ n: { type: "boolean" } }) }),
      expected: [[B, "type-changed", `${RES}/properties/n/type`, B, B]],
    },
    {
      name: "response field may be null",
      base: api(),
      head: api({ res: obj({ name: { type: ["string", "null"] } }) }),
      expected: [[B, "became-nullable", `${RES}/properties/name`, B, B]],
    },
    {
      name: "request field no longer nullable",
      base: api({ req: obj({ name: { anyOf: [{ type: "string" }, { type: "null" }] } }) }),
      head: api(),
      expected: [[B, "no-longer-nullable", `${REQ}/properties/name`, B, B]],
    },
  ],
  combinators: [
    {
      name: "allOf member with a required property added to a request schema",
      base: api({ req: { allOf: [{ $ref: "#/components/schemas/Base" }] }, schemas: { Base: obj({ name: { type: "string" } }) } }),
      head: api({
        req: { allOf: [{ $ref: "#/components/schemas/Base" }, obj({ owner: { type: "string" } }, ["owner"])] },
        schemas: { Base: obj({ name: { type: "string" } }) },
      }),
      expected: [
        [B, "required-property-added", `${REQ}/allOf/1/properties/owner`, B, B],
        [X, "all-of-member-added", `${REQ}/allOf/1`, X, X],
      ],
    },
    {
      name: "allOf member with a constraint added to a request schema: judged merged",
      base: api({ req: { allOf: [obj({ name: { type: "string" } })] } }),
      head: api({ req: { allOf: [obj({ name: { type: "string" } }), { maxProperties: 1 }] } }),
      expected: [
        [B, "constraint-tightened", `${REQ}/allOf/1/maxProperties`, B, X],
        [X, "all-of-member-added", `${REQ}/allOf/1`, X, X],
      ],
    },
    {
      name: "request body wrapped in oneOf with an overlapping alternative: values matching both are refused",
      base: api({ schemas: { Draft: obj({ title: { type: "string" } }) } }),
      head: edit(api({ schemas: { Draft: obj({ title: { type: "string" } }) } }), (d) => {
        op(d).requestBody.content["application/json"].schema = { oneOf: [{ $ref: REQ }, { $ref: "#/components/schemas/Draft" }] };
      }),
      expected: [[B, "one-of-overlap-added", `${OP}/requestBody/content/application~1json/schema/oneOf/1`, B, F]],
    },
    {
      name: "request body wrapped in oneOf with a disjoint alternative: a plain widening",
      base: api(),
      head: edit(api(), (d) => {
        op(d).requestBody.content["application/json"].schema = { oneOf: [{ $ref: REQ }, { type: "string" }] };
      }),
      expected: [[F, "variant-added", `${OP}/requestBody/content/application~1json/schema/oneOf/1`, F, F]],
    },
    {
      name: "anyOf alternative swapped in a response",
      base: api({
        res: { anyOf: [{ $ref: "#/components/schemas/A" }, { $ref: "#/components/schemas/B" }] },
        schemas: { A: obj({}), B: obj({}) },
      }),
      head: api({
        res: { anyOf: [{ $ref: "#/components/schemas/A" }, { $ref: "#/components/schemas/C" }] },
        schemas: { A: obj({}), B: obj({}), C: obj({}) },
      }),
      expected: [
        [B, "variant-added", `${RES}/anyOf/1`, B, B],
        [X, "variant-removed", `${RES}/anyOf/1`, X, X],
        [F, "schema-added", "#/components/schemas/C", X, F],
      ],
    },
    {
      name: "request alternative removed",
      base: api({ req: { oneOf: [{ type: "string" }, { type: "integer" }] } }),
      head: api({ req: { oneOf: [{ type: "string" }, { type: "boolean" }] } }),
      expected: [
        [B, "variant-removed", `${REQ}/oneOf/1`, B, B],
        [F, "variant-added", `${REQ}/oneOf/1`, F, F],
      ],
    },
    {
      name: "a change nested inside an anyOf alternative",
      base: api({ res: { anyOf: [obj({ id: { type: "string" } }, ["id"]), { type: "string" }] } }),
      head: api({ res: { anyOf: [obj({ id: { type: "string" } }), { type: "string" }] } }),
      expected: [[B, "property-became-optional", `${RES}/anyOf/0/properties/id`, B, B]],
    },
  ],
  enums: [
    {
      name: "closed enum: value removed from a request",
      base: api({ req: obj({ tier: { type: "string", enum: ["s", "l"] } }) }),
      head: api({ req: obj({ tier: { type: "string", enum: ["s"] } }) }),
      expected: [[B, "enum-value-removed", `${REQ}/properties/tier/enum/1`, B, B]],
    },
    {
      name: "closed enum: value removed from a response: fewer values on the wire, but comparisons stop compiling",
      base: api({ res: obj({ tier: { type: "string", enum: ["s", "l"] } }) }),
      head: api({ res: obj({ tier: { type: "string", enum: ["s"] } }) }),
      expected: [[B, "enum-value-removed", `${RES}/properties/tier/enum/1`, X, B]],
    },
    {
      name: "closed enum: value added to a response",
      base: api({ res: obj({ tier: { type: "string", enum: ["s"] } }) }),
      head: api({ res: obj({ tier: { type: "string", enum: ["s", "l"] } }) }),
      expected: [[B, "enum-value-added", `${RES}/properties/tier/enum/1`, B, B]],
    },
    {
      name: "closed enum: value added to a request",
      base: api({ req: obj({ tier: { type: "string", enum: ["s"] } }) }),
      head: api({ req: obj({ tier: { type: "string", enum: ["s", "l"] } }) }),
      expected: [[F, "enum-value-added", `${REQ}/properties/tier/enum/1`, F, F]],
    },
    {
      name: "open enum closed in a response",
      base: api({ res: obj({ s: { anyOf: [{ type: "string", enum: ["a"] }, { type: "string" }] } }) }),
      head: api({ res: obj({ s: { type: "string", enum: ["a"] } }) }),
      expected: [[B, "enum-closed", `${RES}/properties/s/enum`, X, B]],
    },
    {
      name: "closed enum opened in a request",
      base: api({ req: obj({ s: { type: "string", enum: ["a"] } }) }),
      head: api({ req: obj({ s: { anyOf: [{ type: "string", enum: ["a"] }, { type: "string" }] } }) }),
      expected: [[F, "enum-opened", `${REQ}/properties/s/anyOf/0/enum`, F, F]],
    },
    {
      name: "closed enum added to a request string",
      base: api(),
      head: api({ req: obj({ name: { type: "string", enum: ["a", "b"] } }) }),
      expected: [[B, "enum-added", `${REQ}/properties/name/enum`, B, B]],
    },
    {
      name: "closed enum removed from a response string",
      base: api({ res: obj({ name: { type: "string", enum: ["a", "b"] } }) }),
      head: api(),
      expected: [[B, "enum-removed", `${RES}/properties/name/enum`, B, B]],
    },
  ],
  "x-extensible-enum": [
    {
      name: "value removed from a request: the server no longer understands it",
      base: api({ req: obj({ s: { type: "string", "x-extensible-enum": ["ready", "failed"] } }) }),
      head: api({ req: obj({ s: { type: "string", "x-extensible-enum": ["ready"] } }) }),
      expected: [[B, "open-enum-value-removed", `${REQ}/properties/s/x-extensible-enum/1`, B, X]],
    },
    {
      name: "value removed from a response",
      base: api({ res: obj({ s: { type: "string", "x-extensible-enum": ["ready", "failed"] } }) }),
      head: api({ res: obj({ s: { type: "string", "x-extensible-enum": ["ready"] } }) }),
      expected: [[X, "open-enum-value-removed", `${RES}/properties/s/x-extensible-enum/1`, X, X]],
    },
    {
      name: "value added to a response: promised by an extensible enum",
      base: api({ res: obj({ s: { type: "string", "x-extensible-enum": ["ready"] } }) }),
      head: api({ res: obj({ s: { type: "string", "x-extensible-enum": ["ready", "failed"] } }) }),
      expected: [[F, "open-enum-value-added", `${RES}/properties/s/x-extensible-enum/1`, F, F]],
    },
    {
      name: "extensible enum added to a string",
      base: api(),
      head: api({ req: obj({ name: { type: "string", "x-extensible-enum": ["a"] } }) }),
      expected: [[F, "open-enum-added", `${REQ}/properties/name/x-extensible-enum`, X, F]],
    },
    {
      name: "extensible enum removed from a string",
      base: api({ res: obj({ name: { type: "string", "x-extensible-enum": ["a"] } }) }),
      head: api(),
      expected: [[X, "open-enum-removed", `${RES}/properties/name/x-extensible-enum`, X, X]],
    },
  ],
  objects: [
    {
      name: "additionalProperties closed on a request",
      base: api(),
      head: api({ req: obj({ name: { type: "string" } }, undefined, { additionalProperties: false }) }),
      expected: [[B, "additional-properties-narrowed", `${REQ}/additionalProperties`, B, X]],
    },
    {
      name: "additionalProperties opened on a response",
      base: api({ res: obj({ name: { type: "string" } }, undefined, { additionalProperties: false }) }),
      head: api(),
      expected: [[B, "additional-properties-widened", `${RES}/additionalProperties`, B, X]],
    },
  ],
  discriminator: [
    {
      name: "mapping entry and alternative added to a response",
      base: api({
        res: {
          oneOf: [{ $ref: "#/components/schemas/Cat" }],
          discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat" } },
        },
        schemas: { Cat: obj({ kind: { type: "string" } }, ["kind"]), Dog: obj({ kind: { type: "string" } }, ["kind"]) },
      }),
      head: api({
        res: {
          oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
          discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" } },
        },
        schemas: { Cat: obj({ kind: { type: "string" } }, ["kind"]), Dog: obj({ kind: { type: "string" } }, ["kind"]) },
      }),
      expected: [
        [B, "discriminator-mapping-added", `${RES}/discriminator/mapping/dog`, B, B],
        [B, "variant-added", `${RES}/oneOf/1`, B, B],
      ],
    },
    {
      name: "discriminator property renamed in a request",
      base: api({ req: { oneOf: [obj({ kind: { const: "a" } }, ["kind"]), { type: "string" }], discriminator: { propertyName: "kind" } } }),
      head: api({ req: { oneOf: [obj({ kind: { const: "a" } }, ["kind"]), { type: "string" }], discriminator: { propertyName: "type" } } }),
      expected: [[B, "discriminator-changed", `${REQ}/discriminator/propertyName`, B, B]],
    },
    {
      name: "discriminator added to a request oneOf",
      base: api({ req: { oneOf: [obj({ kind: { const: "a" } }, ["kind"]), { type: "string" }] } }),
      head: api({ req: { oneOf: [obj({ kind: { const: "a" } }, ["kind"]), { type: "string" }], discriminator: { propertyName: "kind" } } }),
      expected: [[B, "discriminator-added", `${REQ}/discriminator`, B, B]],
    },
    {
      name: "discriminator removed from a response oneOf",
      base: api({ res: { oneOf: [obj({ kind: { const: "a" } }, ["kind"]), { type: "string" }], discriminator: { propertyName: "kind" } } }),
      head: api({ res: { oneOf: [obj({ kind: { const: "a" } }, ["kind"]), { type: "string" }] } }),
      expected: [[B, "discriminator-removed", `${RES}/discriminator`, B, B]],
    },
  ],
  constraints: [
    {
      name: "response minimum lowered: readers receive values they were promised they would not",
      base: api({ res: obj({ score: { type: "number", minimum: 0 } }) }),
      head: api({ res: obj({ score: { type: "number", minimum: -1 } }) }),
      expected: [[B, "constraint-loosened", `${RES}/properties/score/minimum`, B, X]],
    },
    {
      name: "response maxLength removed",
      base: api({ res: obj({ name: { type: "string", maxLength: 8 } }) }),
      head: api(),
      expected: [[B, "constraint-loosened", `${RES}/properties/name/maxLength`, B, X]],
    },
    {
      name: "request maximum raised",
      base: api({ req: obj({ n: { type: "integer", maximum: 10 } }) }),
      head: api({ req: obj({ n: { type: "integer", maximum: 20 } }) }),
      expected: [[F, "constraint-loosened", `${REQ}/properties/n/maximum`, F, X]],
    },
    {
      name: "request minimum raised",
      base: api({ req: obj({ n: { type: "integer", minimum: 0 } }) }),
      head: api({ req: obj({ n: { type: "integer", minimum: 1 } }) }),
      expected: [[B, "constraint-tightened", `${REQ}/properties/n/minimum`, B, X]],
    },
    {
      name: "request multipleOf from 5 to 10",
      base: api({ req: obj({ n: { type: "integer", multipleOf: 5 } }) }),
      head: api({ req: obj({ n: { type: "integer", multipleOf: 10 } }) }),
      expected: [[B, "constraint-tightened", `${REQ}/properties/n/multipleOf`, B, X]],
    },
    {
      name: "response uniqueItems required",
      base: api({ res: obj({ tags: { type: "array", items: { type: "string" } } }) }),
      head: api({ res: obj({ tags: { type: "array", items: { type: "string" }, uniqueItems: true } }) }),
      expected: [[X, "constraint-tightened", `${RES}/properties/tags/uniqueItems`, X, X]],
    },
    {
      name: "format changed: an annotation in 2020-12",
      base: api(),
      head: api({ req: obj({ name: { type: "string", format: "email" } }) }),
      expected: [[X, "format-changed", `${REQ}/properties/name/format`, X, X]],
    },
    {
      name: "contentEncoding added to a request string",
      base: api(),
      head: api({ req: obj({ name: { type: "string", contentEncoding: "base64" } }) }),
      expected: [[B, "content-encoding-changed", `${REQ}/properties/name/contentEncoding`, B, X]],
    },
  ],
  pattern: [
    {
      name: "request pattern relaxed to .*: any string may be sent",
      base: api({ req: obj({ name: { type: "string", pattern: "^[a-z]+$" } }) }),
      head: api({ req: obj({ name: { type: "string", pattern: ".*" } }) }),
      expected: [[F, "pattern-removed", `${REQ}/properties/name/pattern`, F, X]],
    },
    {
      name: "response pattern removed",
      base: api({ res: obj({ name: { type: "string", pattern: "^[a-z]+$" } }) }),
      head: api(),
      expected: [[B, "pattern-removed", `${RES}/properties/name/pattern`, B, X]],
    },
    {
      name: "request pattern replaced by another: cannot be proven wider",
      base: api({ req: obj({ name: { type: "string", pattern: "^[a-z]+$" } }) }),
      head: api({ req: obj({ name: { type: "string", pattern: "^[a-z0-9]+$" } }) }),
      expected: [[B, "pattern-added", `${REQ}/properties/name/pattern`, B, X]],
    },
    {
      name: "one match-everything pattern for another",
      base: api({ req: obj({ name: { type: "string", pattern: ".*" } }) }),
      head: api({ req: obj({ name: { type: "string", pattern: "^.*$" } }) }),
      expected: [[X, "keyword-changed", `${REQ}/properties/name/pattern`, X, X]],
    },
  ],
  "JSON Schema 2020-12 keywords": [
    {
      name: "contains added to a request array",
      base: api({ req: obj({ tags: { type: "array", items: { type: "string" } } }) }),
      head: api({ req: obj({ tags: { type: "array", items: { type: "string" }, contains: { const: "admin" } } }) }),
      expected: [[B, "subschema-added", `${REQ}/properties/tags/contains`, B, X]],
    },
    {
      name: "a constraint loosened inside contains, in a response",
      base: api({ res: obj({ tags: { type: "array", contains: { type: "string", maxLength: 5 } } }) }),
      head: api({ res: obj({ tags: { type: "array", contains: { type: "string", maxLength: 10 } } }) }),
      expected: [[B, "constraint-loosened", `${RES}/properties/tags/contains/maxLength`, B, X]],
    },
    {
      name: "minContains raised in a request",
      base: api({ req: obj({ tags: { type: "array", contains: { const: "a" }, minContains: 1 } }) }),
      head: api({ req: obj({ tags: { type: "array", contains: { const: "a" }, minContains: 2 } }) }),
      expected: [[B, "constraint-tightened", `${REQ}/properties/tags/minContains`, B, X]],
    },
    {
      name: "prefixItems position added to a request tuple (typed: a tuple element)",
      base: api({ req: obj({ pair: TUPLE }) }),
      head: api({ req: obj({ pair: { type: "array", prefixItems: [{ type: "string" }, { type: "integer" }] } }) }),
      expected: [[B, "subschema-added", `${REQ}/properties/pair/prefixItems/1`, B, B]],
    },
    {
      name: "prefixItems element widened in a response",
      base: api({ res: obj({ pair: TUPLE }) }),
      head: api({ res: obj({ pair: { type: "array", prefixItems: [{ type: ["string", "integer"] }] } }) }),
      expected: [[B, "type-widened", `${RES}/properties/pair/prefixItems/0/type`, B, B]],
    },
    {
      name: "items: false closes a request tuple",
      base: api({ req: obj({ pair: TUPLE }) }),
      head: api({ req: obj({ pair: { ...TUPLE, items: false } }) }),
      expected: [[B, "subschema-added", `${REQ}/properties/pair/items`, B, X]],
    },
    {
      name: "dependentRequired added to a request",
      base: api(),
      head: api({ req: obj({ name: { type: "string" } }, undefined, { dependentRequired: { card: ["cvc"] } }) }),
      expected: [[B, "dependent-required-added", `${REQ}/dependentRequired/card`, B, X]],
    },
    {
      name: "dependentRequired removed from a response",
      base: api({ res: obj({ name: { type: "string" } }, undefined, { dependentRequired: { card: ["cvc"] } }) }),
      head: api(),
      expected: [[B, "dependent-required-removed", `${RES}/dependentRequired/card`, B, X]],
    },
    {
      name: "if changed in a request",
      base: api({ req: obj({}, undefined, conditional({ properties: { k: { const: "a" } } }, { required: ["x"] })) }),
      head: api({ req: obj({}, undefined, conditional({ properties: { k: { const: "b" } } }, { required: ["x"] })) }),
      expected: [[B, "conditional-changed", `${REQ}/if`, B, X]],
    },
    {
      name: "then requires one more property in a request",
      base: api({ req: obj({}, undefined, conditional({ properties: { k: { const: "a" } } }, { required: ["x"] })) }),
      head: api({ req: obj({}, undefined, conditional({ properties: { k: { const: "a" } } }, { required: ["x", "y"] })) }),
      expected: [[B, "property-became-required", `${REQ}/then/required`, B, X]],
    },
    {
      name: "else removed from a response",
      base: api({ res: obj({}, undefined, { if: { required: ["a"] }, else: { required: ["b"] } }) }),
      head: api({ res: obj({}, undefined, { if: { required: ["a"] } }) }),
      expected: [[B, "subschema-removed", `${RES}/else`, B, X]],
    },
    {
      name: "patternProperties added to a request (typed: an index signature)",
      base: api(),
      head: api({ req: obj({ name: { type: "string" } }, undefined, { patternProperties: { "^x-": { type: "string" } } }) }),
      expected: [[B, "subschema-added", `${REQ}/patternProperties/^x-`, B, B]],
    },
    {
      name: "a patternProperties schema narrowed in a request",
      base: api({ req: obj({}, undefined, { patternProperties: { "^x-": { type: "number" } } }) }),
      head: api({ req: obj({}, undefined, { patternProperties: { "^x-": { type: "integer" } } }) }),
      expected: [[B, "type-narrowed", `${REQ}/patternProperties/^x-/type`, B, B]],
    },
    {
      name: "unevaluatedProperties: false added to a request",
      base: api(),
      head: api({ req: obj({ name: { type: "string" } }, undefined, { unevaluatedProperties: false }) }),
      expected: [[B, "subschema-added", `${REQ}/unevaluatedProperties`, B, X]],
    },
    {
      name: "unevaluatedItems: false removed from a response",
      base: api({ res: obj({ t: { type: "array", prefixItems: [{ type: "string" }], unevaluatedItems: false } }) }),
      head: api({ res: obj({ t: TUPLE }) }),
      expected: [[B, "subschema-removed", `${RES}/properties/t/unevaluatedItems`, B, X]],
    },
    {
      name: "a required property added inside contentSchema of a request string",
      base: api({
        req: obj({ doc: { type: "string", contentMediaType: "application/json", contentSchema: obj({ a: { type: "string" } }) } }),
      }),
      head: api({
        req: obj({
          doc: {
            type: "string",
            contentMediaType: "application/json",
            contentSchema: obj({ a: { type: "string" }, b: { type: "string" } }, ["b"]),
          },
        }),
      }),
      expected: [[B, "required-property-added", `${REQ}/properties/doc/contentSchema/properties/b`, B, X]],
    },
    {
      name: "propertyNames removed from a response",
      base: api({ res: obj({}, undefined, { propertyNames: { maxLength: 8 } }) }),
      head: api({ res: obj({}) }),
      expected: [[B, "subschema-removed", `${RES}/propertyNames`, B, X]],
    },
    {
      name: "dependentSchemas entry added to a request",
      base: api(),
      head: api({ req: obj({ name: { type: "string" } }, undefined, { dependentSchemas: { card: { required: ["cvc"] } } }) }),
      expected: [[B, "subschema-added", `${REQ}/dependentSchemas/card`, B, X]],
    },
  ],
  not: [
    {
      name: "not added to a request",
      base: api(),
      head: api({ req: obj({ name: { type: "string", not: { const: "root" } } }) }),
      expected: [[B, "subschema-added", `${REQ}/properties/name/not`, B, X]],
    },
    {
      name: "inside not, in a request: the excluded values widen, so what may be sent narrows",
      base: api({ req: obj({ name: { type: "string", not: { type: "string", enum: ["root"] } } }) }),
      head: api({ req: obj({ name: { type: "string", not: { type: "string", enum: ["root", "admin"] } } }) }),
      expected: [[B, "enum-value-added", `${REQ}/properties/name/not/enum/1`, B, X]],
    },
    {
      name: "inside not, in a response: the excluded values widen, so what is received narrows",
      base: api({ res: obj({ name: { type: "string", not: { type: "string", enum: ["root"] } } }) }),
      head: api({ res: obj({ name: { type: "string", not: { type: "string", enum: ["root", "admin"] } } }) }),
      expected: [[F, "enum-value-added", `${RES}/properties/name/not/enum/1`, F, X]],
    },
  ],
  security: [
    {
      name: "an operation that needed no auth now needs it",
      base: api({ security: [] }),
      head: api(),
      expected: [[B, "security-added", "#/security", B, X]],
    },
    {
      name: "an operation no longer needs auth",
      base: api(),
      head: api({ security: [] }),
      expected: [[X, "security-removed", `${OP}/security`, X, X]],
    },
    {
      name: "another accepted requirement",
      base: api({ schemes: API_KEY }),
      head: api({ schemes: API_KEY, globalSecurity: [{ bearerAuth: [] }, { apiKey: [] }] }),
      expected: [[F, "security-alternative-added", "#/security", F, X]],
    },
    {
      name: "an accepted requirement removed",
      base: api({ schemes: API_KEY, globalSecurity: [{ bearerAuth: [] }, { apiKey: [] }] }),
      head: api({ schemes: API_KEY }),
      expected: [[B, "security-alternative-removed", "#/security", B, X]],
    },
    {
      name: "scope added to a requirement",
      base: api({ schemes: OAUTH, globalSecurity: [{ oauth: ["read"] }] }),
      head: api({ schemes: OAUTH, globalSecurity: [{ oauth: ["read", "write"] }] }),
      expected: [[B, "security-scopes-added", "#/security", B, X]],
    },
    {
      name: "scope removed from a requirement",
      base: api({ schemes: OAUTH, globalSecurity: [{ oauth: ["read", "write"] }] }),
      head: api({ schemes: OAUTH, globalSecurity: [{ oauth: ["read"] }] }),
      expected: [[X, "security-scopes-removed", "#/security", X, X]],
    },
    {
      name: "scheme sent differently",
      base: api({ schemes: API_KEY, globalSecurity: [{ apiKey: [] }] }),
      head: api({ schemes: { apiKey: { ...API_KEY.apiKey, name: "Authorization" } }, globalSecurity: [{ apiKey: [] }] }),
      expected: [[B, "security-scheme-changed", "#/components/securitySchemes/apiKey/name", B, X]],
    },
    {
      name: "scheme defined but not required",
      base: api(),
      head: api({ schemes: API_KEY }),
      expected: [[X, "security-scheme-added", "#/components/securitySchemes/apiKey", X, X]],
    },
    {
      name: "unused scheme removed",
      base: api({ schemes: API_KEY }),
      head: api(),
      expected: [[X, "security-scheme-removed", "#/components/securitySchemes/apiKey", X, X]],
    },
  ],
  "servers and identity": [
    {
      name: "default server URL changed",
      base: api(),
      head: api({ servers: [{ url: "https://eu.api.acme.example" }] }),
      expected: [[B, "server-url-changed", "#/servers/0/url", B, X]],
    },
    {
      name: "another server listed",
      base: api(),
      head: api({ servers: [{ url: "https://api.acme.example" }, { url: "https://eu.api.acme.example" }] }),
      expected: [[X, "servers-changed", "#/servers", X, X]],
    },
    {
      name: "generated name changed",
      base: api(),
      head: api({ info: { "x-modelfleet": { package: "@modelfleet/acme", name: "AcmeCloud", envVar: "ACME_API_KEY" } } }),
      expected: [[B, "package-identity-changed", "#/info/x-modelfleet/name", X, B]],
    },
    {
      name: "API key variable renamed",
      base: api(),
      head: api({ info: { "x-modelfleet": { package: "@modelfleet/acme", name: "Acme", envVar: "ACME_TOKEN" } } }),
      expected: [[B, "api-key-env-var-changed", "#/info/x-modelfleet/envVar", B, X]],
    },
    {
      name: "info.version bumped",
      base: api(),
      head: api({ info: { version: "1.1.0" } }),
      expected: [[X, "info-changed", "#/info/version", X, X]],
    },
  ],
  components: [
    {
      name: "unused component schema removed: its exported type goes",
      base: api({ schemas: { Unused: obj({}) } }),
      head: api(),
      expected: [[B, "schema-removed", "#/components/schemas/Unused", X, B]],
    },
    {
      name: "component schema added",
      base: api(),
      head: api({ schemas: { Extra: obj({}) } }),
      expected: [[F, "schema-added", "#/components/schemas/Extra", X, F]],
    },
  ],
  documentation: [
    {
      name: "description changed",
      base: api(),
      head: api({ req: obj({ name: { type: "string", description: "Shown." } }) }),
      expected: [[X, "description-changed", `${REQ}/properties/name/description`, X, X]],
    },
    {
      name: "summary changed",
      base: api(),
      head: edit(api(), (d) => {
        op(d).summary = "Create";
      }),
      expected: [[X, "summary-changed", `${OP}/summary`, X, X]],
    },
    {
      name: "title changed",
      base: api(),
      head: api({ res: obj({ name: { type: "string" } }, undefined, { title: "Thing" }) }),
      expected: [[X, "title-changed", `${RES}/title`, X, X]],
    },
    {
      name: "example changed",
      base: api(),
      head: api({ res: obj({ name: { type: "string", examples: ["a"] } }) }),
      expected: [[X, "example-changed", `${RES}/properties/name/examples`, X, X]],
    },
    {
      name: "default changed",
      base: api(),
      head: api({ req: obj({ name: { type: "string", default: "x" } }) }),
      expected: [[X, "default-changed", `${REQ}/properties/name/default`, X, X]],
    },
    {
      name: "extension changed",
      base: api(),
      head: api({ req: obj({ name: { type: "string", "x-internal": true } }) }),
      expected: [[X, "extension-changed", `${REQ}/properties/name/x-internal`, X, X]],
    },
    {
      name: "pagination declared: iterators added",
      base: api(),
      head: edit(api(), (d) => {
        op(d)["x-modelfleet-pagination"] = PAGED;
      }),
      expected: [[F, "pagination-added", PAGINATION, X, F]],
    },
    {
      name: "pagination removed: iterators removed",
      base: edit(api(), (d) => {
        op(d)["x-modelfleet-pagination"] = PAGED;
      }),
      head: api(),
      expected: [[B, "pagination-removed", PAGINATION, X, B]],
    },
    {
      name: "pagination set to false: iterators removed",
      base: edit(api(), (d) => {
        op(d)["x-modelfleet-pagination"] = PAGED;
      }),
      head: edit(api(), (d) => {
        op(d)["x-modelfleet-pagination"] = false;
      }),
      expected: [[B, "pagination-removed", PAGINATION, X, B]],
    },
    {
      name: "pagination items moved: another item type",
      base: edit(api(), (d) => {
        op(d)["x-modelfleet-pagination"] = PAGED;
      }),
      head: edit(api(), (d) => {
        op(d)["x-modelfleet-pagination"] = { ...PAGED, items: "/results" };
      }),
      expected: [[B, "pagination-items-changed", `${PAGINATION}/items`, X, B]],
    },
    {
      name: "pagination restyled, same items",
      base: edit(api(), (d) => {
        op(d)["x-modelfleet-pagination"] = PAGED;
      }),
      head: edit(api(), (d) => {
        op(d)["x-modelfleet-pagination"] = { style: "page", items: "/data", page: "page" };
      }),
      expected: [[X, "pagination-changed", PAGINATION, X, X]],
    },
    {
      name: "an operation declared unpaged (`false`): nothing for users",
      base: api(),
      head: edit(api(), (d) => {
        op(d)["x-modelfleet-pagination"] = false;
      }),
      expected: [[X, "extension-changed", PAGINATION, X, X]],
    },
    {
      name: "top-level tags changed",
      base: api(),
      head: edit(api(), (d) => {
        d.tags = [{ name: "things" }];
      }),
      expected: [[X, "document-changed", "#/tags", X, X]],
    },
    {
      name: "an unknown keyword changed",
      base: api(),
      head: api({ req: obj({ name: { type: "string", $comment: "why" } }) }),
      expected: [[X, "keyword-changed", `${REQ}/properties/name/$comment`, X, X]],
    },
  ],
};

/** Rules whose pairs need two git revisions of a whole spec file; `test/diff-git.test.ts` covers them. */
const COVERED_ELSEWHERE = new Set(["spec-added", "spec-removed"]);

describe.each(Object.entries(families))("%s", (_family, cases) => {
  it.each(cases)("$name", (c) => {
    const changes = diffDocuments(c.base, c.head);
    const found = changes.map((x): Expected => [x.kind, x.code, x.pointer, x.wire, x.types]);
    const order = (a: Expected, b: Expected) => a[2].localeCompare(b[2]) || a[1].localeCompare(b[1]);
    expect(found.sort(order)).toEqual([...c.expected].sort(order));
    for (const x of changes)
      expect(x.kind).toBe(
        x.wire === "breaking" || x.types === "breaking" ? "breaking" : x.wire === "feature" || x.types === "feature" ? "feature" : "fix",
      );
  });
});

describe("the suite", () => {
  const all = Object.values(families).flat();

  it("has a pair for every rule", () => {
    const covered = new Set(all.flatMap((c) => c.expected.map((e) => e[1])));
    const missing = Object.keys(RULES).filter((code) => !covered.has(code) && !COVERED_ELSEWHERE.has(code));
    expect(missing).toEqual([]);
  });

  it("has at least two cases in every family", () => {
    const thin = Object.entries(families)
      .filter(([, cases]) => cases.length < 2)
      .map(([name]) => name);
    expect(thin).toEqual([]);
  });

  it("says why a parameter's type change, an XML body's change and a parameter's default change are judged as they are", () => {
    const byName = (name: string) => all.find((c) => c.name.startsWith(name)) as Case;
    const deep = byName("a deepObject query property from number");
    expect(diffDocuments(deep.base, deep.head)[0]?.notes).toEqual([
      "wire: a parameter is sent as text: a value of the old type goes out as a string the new type accepts",
    ]);
    const xml = byName("an XML response body changed");
    expect(diffDocuments(xml.base, xml.head)[0]?.notes).toEqual([
      "a application/xml body is read as a string, never parsed: its schema is typed nowhere",
    ]);
    const defaults = byName("a query parameter's default changed");
    const [changed] = diffDocuments(defaults.base, defaults.head);
    expect(changed?.message).toBe("`default` changed: callers who omit the parameter now get 20 from the server");
    expect(changed?.notes[0]).toMatch(/^a default is applied by the server to requests that omit the parameter/);
  });

  it("says why a verdict differs from its rule's plain one", () => {
    const readOnly = families["readOnly and writeOnly"]?.[0] as Case;
    const [added] = diffDocuments(readOnly.base, readOnly.head);
    expect(added?.notes).toEqual(["wire: `readOnly`: senders never send this property"]);
    const inNot = families.not?.[1] as Case;
    expect(diffDocuments(inNot.base, inNot.head)[0]?.notes).toEqual([
      "inside `not`: widening what the subschema matches narrows what the schema allows, and the reverse",
      "types: openapi-typescript renders no type for `not`",
    ]);
  });
});
