import { readdirSync, readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { PROVIDER_IDS } from "./all.js";

// The facade knows providers only through what is passed to createFleet. The all-providers entry (`all.ts`) and
// its tests (`all.*`) are the one place that names them.
const SOURCE = new URL("./", import.meta.url);
// Every folder, and the fleet file's JSON Schema (its descriptions are shown in editors).
const agnostic = (readdirSync(SOURCE, { recursive: true }) as string[])
  .map((file) => file.replaceAll("\\", "/"))
  .filter((file) => (file.endsWith(".ts") || file.endsWith(".json")) && !file.split("/").at(-1)?.startsWith("all."))
  .filter((file) => file !== "all.ts");

it("finds the facade's files (and the check is not vacuous)", () => {
  expect(agnostic).toEqual(
    expect.arrayContaining([
      "fleet.ts",
      "refs.ts",
      "listing.ts",
      "index.ts",
      "types.ts",
      "desired-state/plan.ts",
      "desired-state/fleet.schema.json",
    ]),
  );
  expect(PROVIDER_IDS.length).toBeGreaterThan(0);
});

it.each(agnostic)("%s names no provider and imports no provider package", (file) => {
  const text = readFileSync(new URL(file, SOURCE), "utf8");
  for (const id of PROVIDER_IDS) expect(text).not.toMatch(new RegExp(`\\b${id}\\b`, "i"));
  const imports = [...text.matchAll(/from\s+"(@modelfleet\/[^"]+)"/g)].map((match) => match[1]);
  for (const specifier of imports) expect(specifier).toMatch(/^@modelfleet\/(runtime|runtime\/fleet|test-utils(\/.*)?)$/);
});
