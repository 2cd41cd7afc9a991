import { describe, expect, it } from "vitest";
import { KEYS, runCli } from "../fake-providers.test-helper.js";
import { startUi } from "./browser.test-helper.js";

describe("modelfleet ui's command line", () => {
  it.each([
    [["--port", "http"], "--port must be an integer from 0 to 65535"],
    [["--port", "70000"], "--port must be an integer from 0 to 65535"],
    [["--host", "localhost"], "--host must be an IP address"],
    [["--fleet", ""], "--fleet needs a file"],
    [["--timeout", "0"], "--timeout takes a number of seconds"],
  ])("%j is exit 2 with the usage line, before anything listens", async (args, message) => {
    const run = await runCli(["ui", ...args], KEYS);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain("usage: modelfleet ui [--port <n>]");
    expect(run.stdout).toBe("");
  });

  it("warns when it listens on another address than 127.0.0.1, and stops with exit 0 on SIGTERM", async () => {
    const ui = await startUi(["--host", "127.0.0.2", "--allow-changes"], { ...KEYS });
    expect(ui.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/\?token=/);
    // On stderr, a stream of its own: it may arrive after the URL on stdout, so wait for it.
    await ui.waitForOutput(/warning: listening on 127\.0\.0\.2, not 127\.0\.0\.1: .* and change it\n/);
    expect(ui.output()).toContain("changes allowed (--allow-changes)");
    expect(await ui.stop()).toBe(0);
  });

  it("stops with exit 0 on a SIGTERM sent the moment its URL appears", async () => {
    // A script that starts the server, reads the URL and stops it again must never meet Node's default handler.
    const ui = await startUi([], { ...KEYS });
    expect(await ui.stop()).toBe(0);
  });
});
