import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { assertLoopbackRegistry, isLoopbackUrl, registryOnlyEnv, withoutNpmConfig } from "./npm-env.js";

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("isLoopbackUrl", () => {
  it("accepts only loopback hosts", () => {
    for (const url of ["http://127.0.0.1:4873/", "http://127.1.2.3/", "http://localhost:1/", "http://[::1]:4873/"])
      expect(isLoopbackUrl(url), url).toBe(true);
    for (const url of [
      "https://registry.npmjs.org/",
      "http://128.0.0.1/",
      "http://127.0.0.1.example.com/",
      "http://localhost.example.com/",
      "file:///tmp/registry",
      "not a url",
      "",
    ]) {
      expect(isLoopbackUrl(url), url).toBe(false);
    }
  });
});

describe("withoutNpmConfig", () => {
  it("drops every npm setting, whatever its case, and keeps the rest", () => {
    const env = {
      PATH: "/bin",
      npm_config_registry: "https://registry.npmjs.org/",
      NPM_CONFIG_USERCONFIG: "/home/me/.npmrc",
      npm_package_name: "x",
    };
    expect(withoutNpmConfig(env)).toEqual({ PATH: "/bin", npm_package_name: "x" });
  });
});

describe("registryOnlyEnv", () => {
  it("writes a user config with the registry and a token for it only, and an empty global config", async () => {
    const dir = await mkdtemp(join(tmpdir(), "modelfleet-npm-env-"));
    temps.push(dir);
    const env = await registryOnlyEnv(dir, "http://127.0.0.1:4873/");
    expect(env.npm_config_registry).toBe("http://127.0.0.1:4873/");
    const userconfig = await readFile(env.npm_config_userconfig as string, "utf8");
    expect(userconfig).toContain("registry=http://127.0.0.1:4873/\n");
    expect(userconfig).toContain("//127.0.0.1:4873/:_authToken=");
    expect(await readFile(env.npm_config_globalconfig as string, "utf8")).toBe("");
  });

  it("refuses a registry that is not loopback", async () => {
    await expect(registryOnlyEnv(tmpdir(), "https://registry.npmjs.org/")).rejects.toThrow(/not loopback/);
  });
});

describe("assertLoopbackRegistry", () => {
  it("returns the registry npm itself reports in the registry-only environment", async () => {
    const dir = await mkdtemp(join(tmpdir(), "modelfleet-npm-env-"));
    temps.push(dir);
    const env = await registryOnlyEnv(dir, "http://127.0.0.1:4873/");
    await expect(assertLoopbackRegistry(env, dir, [])).resolves.toBe("http://127.0.0.1:4873/");
  });

  it("refuses when npm would publish elsewhere, or a package names its own registry", async () => {
    const dir = await mkdtemp(join(tmpdir(), "modelfleet-npm-env-"));
    temps.push(dir);
    const env = await registryOnlyEnv(dir, "http://127.0.0.1:4873/");
    await expect(assertLoopbackRegistry({ ...env, npm_config_registry: "https://registry.npmjs.org/" }, dir, [])).rejects.toThrow(
      /npm would publish to https:\/\/registry\.npmjs\.org\/, which is not loopback/,
    );
    const manifest = { name: "@modelfleet/x", version: "1.0.0", publishConfig: { registry: "https://registry.npmjs.org/" } };
    await expect(assertLoopbackRegistry(env, dir, [manifest])).rejects.toThrow(/publishConfig.registry .* not loopback/);
  });
});
