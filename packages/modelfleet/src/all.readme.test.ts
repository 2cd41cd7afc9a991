import { readFileSync } from "node:fs";
import { json } from "@modelfleet/test-utils";
import { expect, it } from "vitest";
import { BASETEN, DEEPINFRA, ENV_KEYS, fakeProviders, MODZY, OPPER, OPPER_V2, SIEVE, TOGETHER } from "./all.fake-providers.test-helper.js";
import { createFleet, type AllFleetOptions as FleetOptions } from "./all.js";

const readme = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");

/** The code block under a heading. */
function snippet(markdown: string, heading: string): string {
  const section = markdown.split(`## ${heading}\n`)[1] ?? "";
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error(`no ts block under "## ${heading}"`);
  return match[1];
}

/** The `## ` headings of a Markdown document, in order (code blocks skipped). */
function headings(markdown: string): string[] {
  return markdown
    .replace(/```[\s\S]*?```/g, "")
    .split("\n")
    .filter((line) => line.startsWith("## "))
    .map((line) => line.slice(3));
}

/** The rows of the first Markdown table under a heading, as trimmed cells (header and rule rows dropped). */
function tableRows(markdown: string, heading: string): string[][] {
  const section = markdown.split(`\n## ${heading}\n`)[1]?.split("\n## ")[0] ?? "";
  const lines = section.split("\n").filter((line) => line.startsWith("|"));
  return lines.slice(2).map((line) =>
    line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim()),
  );
}

it("the root README is for users: install, five lines, command line, fleet as code, costs, providers, links, in that order", () => {
  expect(headings(readme("../../../README.md"))).toEqual([
    "Install",
    "Fleet in five lines",
    "Command line",
    "Fleet as code",
    "What the fleet costs",
    "Providers",
    "Links",
  ]);
});

it("the root README's providers table has a row for every provider, with its package, capabilities and key variable", () => {
  const rows = tableRows(readme("../../../README.md"), "Providers");
  const providers = createFleet({ env: {}, requireProvider: false }).providers();
  expect(rows.map((row) => row[0])).toEqual(providers.map((p) => p.name));
  for (const provider of providers) {
    const [, pkg, supports, envVar, versionRef, modelRef] = rows.find((row) => row[0] === provider.name) ?? [];
    expect(pkg).toBe(`\`@modelfleet/${provider.id}\``);
    const capable = Object.entries(provider.capabilities)
      .filter(([, yes]) => yes)
      .map(([name]) => name);
    expect(supports?.split(", "), provider.name).toEqual(capable);
    expect(envVar).toBe(`\`${provider.envVar}\``);
    expect(versionRef, provider.name).toMatch(new RegExp(`^\`${provider.id}:`));
    expect(modelRef, provider.name).toMatch(new RegExp(`^\`${provider.id}:`));
  }
});

it('"Fleet in five lines" runs as written, and the root README shows the same lines', async () => {
  const code = snippet(readme("../README.md"), "Fleet in five lines");
  expect(snippet(readme("../../../README.md"), "Fleet in five lines")).toBe(code);
  expect(code.trim().split("\n")).toHaveLength(5);

  const [importLine, ...body] = code.trim().split("\n");
  expect(importLine).toBe('import { createFleet } from "modelfleet/all";');
  const fake = fakeProviders({
    [`GET ${SIEVE}/functions`]: json(200, []),
    [`GET ${MODZY}/models`]: json(200, []),
    [`GET ${DEEPINFRA}/deploy/list`]: json(200, [
      { deploy_id: "fkj843kjh8", model_name: "acme/llama", version: "v1", status: "running", config: { gpu: "H100-80GB", num_gpus: 1 } },
      { deploy_id: "old", model_name: "acme/old", version: "v0", status: "stopped" },
    ]),
    [`GET ${OPPER}/functions`]: json(200, { functions: [] }),
    [`GET ${OPPER_V2}/functions`]: json(200, { meta: { total_count: 0 }, data: [] }),
    [`GET ${BASETEN}/models`]: json(200, { models: [] }),
    [`GET ${TOGETHER}/endpoints`]: json(200, { object: "list", data: [] }),
    [`PUT ${DEEPINFRA}/deploy/fkj843kjh8`]: json(200, { deploy_id: "fkj843kjh8" }),
    [`GET ${DEEPINFRA}/deploy/fkj843kjh8`]: json(200, {
      deploy_id: "fkj843kjh8",
      model_name: "acme/llama",
      version: "v1",
      status: "deploying",
      settings: { min_instances: 0, max_instances: 2 },
    }),
  });
  const lines: string[] = [];
  const console = { log: (...args: unknown[]) => lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ")) };
  // The snippet reads keys from the environment; here that environment and the network are the fakes.
  const testFleet = (options: FleetOptions = {}) => createFleet({ ...options, env: ENV_KEYS, fetch: fake.fetch });
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
  await new AsyncFunction("createFleet", "console", body.join("\n"))(testFleet, console);

  expect(lines).toEqual(["deepinfra:fkj843kjh8 acme/llama H100-80GB", 'deepinfra:fkj843kjh8 deploying {"min":0,"max":2}']);
});

it("the facade README's operations tables say unsupported exactly where a provider lacks the verb", () => {
  const markdown = readme("../README.md");
  const section = markdown.split("\n## Operations\n")[1]?.split("\n## ")[0] ?? "";
  const providers = createFleet({ env: {}, requireProvider: false }).providers();
  const verbs = new Set(["getVersion", "listVersions", "listDeployments", "scale", "start", "stop", "promote", "rollback"]);
  let checked = 0;
  // Each table: a header row of provider names, then one row per verb.
  for (const table of section
    .split(/\n\n+/)
    .map((block) => block.trim())
    .filter((block) => block.startsWith("|"))) {
    const rows = table.split("\n").map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
    const names = rows[0]?.slice(1) ?? [];
    for (const row of rows.slice(2)) {
      const verb = row[0]?.replaceAll("`", "") ?? "";
      if (!verbs.has(verb)) continue;
      names.forEach((name, i) => {
        const provider = providers.find((p) => p.name === name) ?? providers.find((p) => name.startsWith(`${p.name} `));
        expect(provider, `a column named ${name}`).toBeDefined();
        const capable = provider?.capabilities[verb as keyof typeof provider.capabilities] === true;
        expect(row[i + 1]?.startsWith("unsupported"), `${name} ${verb}: ${row[i + 1]}`).toBe(!capable);
        checked++;
      });
    }
  }
  expect(checked).toBeGreaterThanOrEqual(providers.length * 4);
});

it("the facade README's references table has a row for every provider, with its reference forms", () => {
  const rows = tableRows(readme("../README.md"), "References");
  const providers = createFleet({ env: {}, requireProvider: false }).providers();
  expect(rows.map((row) => row[0]).filter(Boolean)).toEqual(providers.map((p) => p.name));
  for (const [i, row] of rows.entries()) {
    // A continuation row (another form of the provider above) has no name of its own.
    const provider = row[0] ? providers.find((p) => p.name === row[0]) : providers.find((p) => p.name === rows[i - 1]?.[0]);
    expect(row[1], `${row[0]}`).toMatch(new RegExp(`^\`${provider?.id}:`));
  }
});
