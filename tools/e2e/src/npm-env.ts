import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { PackageManifest } from "@modelfleet/package-checks";
import { exec } from "./exec.js";

/** True for http(s) URLs on a loopback host: 127.0.0.0/8, `localhost` or `[::1]`. */
export function isLoopbackUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  return url.hostname === "localhost" || url.hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(url.hostname);
}

/** `env` without any npm setting: nothing a parent `npm run` or the user's shell configured leaks into a child. */
export function withoutNpmConfig(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_config_/i.test(key)));
}

/**
 * An environment in which npm can only talk to the local registry: a fresh user config naming it (with a dummy
 * token: npm refuses to publish without one, even where anonymous publishing is allowed), an empty global config
 * (so no token or registry of this machine applies), and a private cache.
 */
export async function registryOnlyEnv(dir: string, registry: string): Promise<NodeJS.ProcessEnv> {
  if (!isLoopbackUrl(registry)) throw new Error(`refusing to configure a registry that is not loopback: ${registry}`);
  const host = new URL(registry).host;
  const userconfig = join(dir, "npmrc");
  const globalconfig = join(dir, "npmrc-global");
  await writeFile(
    userconfig,
    [
      `registry=${registry}`,
      `//${host}/:_authToken=modelfleet-e2e-dummy-token`,
      "audit=false",
      "fund=false",
      "update-notifier=false",
      "",
    ].join("\n"),
  );
  await writeFile(globalconfig, "");
  return {
    ...withoutNpmConfig(process.env),
    npm_config_userconfig: userconfig,
    npm_config_globalconfig: globalconfig,
    // changeset publish reads the registry from this variable (or publishConfig.registry), not from npm's config.
    npm_config_registry: registry,
    npm_config_cache: join(dir, "npm-cache"),
  };
}

/**
 * Asks npm itself, in `env`, where it would publish `@modelfleet/*` and unscoped packages, and throws unless both are
 * loopback, as is any `publishConfig.registry` of the packages about to be published (it would win over both).
 * Run right before publishing: the last line of defence against publishing to the public registry.
 */
export async function assertLoopbackRegistry(env: NodeJS.ProcessEnv, cwd: string, manifests: Iterable<PackageManifest>): Promise<string> {
  for (const manifest of manifests) {
    const own = manifest.publishConfig?.registry;
    if (own !== undefined && !isLoopbackUrl(String(own))) {
      throw new Error(`${manifest.name} has publishConfig.registry ${String(own)}, which is not loopback: refusing to publish`);
    }
  }
  const get = async (key: string) => (await exec("npm", ["config", "get", key], { cwd, env })).stdout.trim();
  const registry = await get("registry");
  if (!isLoopbackUrl(registry)) throw new Error(`npm would publish to ${registry}, which is not loopback: refusing to publish`);
  const scoped = await get("@modelfleet:registry");
  if (scoped !== "undefined" && scoped !== "" && !isLoopbackUrl(scoped)) {
    throw new Error(`npm would publish @modelfleet/* to ${scoped}, which is not loopback: refusing to publish`);
  }
  if (!isLoopbackUrl(env.npm_config_registry ?? ""))
    throw new Error("npm_config_registry is not the loopback registry: refusing to publish");
  return registry;
}
