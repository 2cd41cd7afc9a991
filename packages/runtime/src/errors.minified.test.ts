/**
 * Users bundle and minify: class names then become short identifiers. Error names, markers and `isInstance`
 * must not depend on them. Bundles the built package the way an app would and checks the errors it makes.
 */
import { build } from "esbuild";
import { expect, it } from "vitest";

it("error names survive an app's minifier, and a user's own subclass keeps its name", async () => {
  const entry = new URL("../dist/index.js", import.meta.url).pathname;
  const result = await build({
    stdin: {
      contents: `
        import { NotFoundError, RateLimitError, ConfigurationError, ModelfleetError } from ${JSON.stringify(entry)};
        const ctx = { provider: "acme", operationId: "getThing", method: "GET", url: "https://x", attempts: 1 };
        const api = { ...ctx, status: 404, statusText: "", requestId: undefined, body: undefined, providerMessage: undefined };
        class MyAppError extends NotFoundError {}
        const errors = [new NotFoundError(api), new RateLimitError({ ...api, status: 429 }), new ConfigurationError("apiKey", "m"), new MyAppError(api)];
        export const names = errors.map((e) => e.name);
        export const json = errors.map((e) => e.toJSON().name);
        export const stacks = errors.map((e) => String(e.stack).split(":")[0]);
        export const subclassName = MyAppError.name;
        export const marked = errors.map((e) => ModelfleetError.isInstance(e) && NotFoundError.isInstance(errors[0]));
      `,
      resolveDir: process.cwd(),
      loader: "js",
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
  });
  const code = result.outputFiles[0]?.text ?? "";
  // The minifier did rename the classes; otherwise this test would prove nothing.
  expect(code).not.toContain("class NotFoundError");
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
  // The user's subclass is renamed by the same minifier; it keeps whatever its class is called.
  expect(module.names).toEqual(["NotFoundError", "RateLimitError", "ConfigurationError", module.subclassName]);
  expect(module.json).toEqual(module.names);
  expect(module.stacks).toEqual(module.names);
  expect(module.marked).toEqual([true, true, true, true]);
});
