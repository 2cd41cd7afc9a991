import pc from "picocolors";
import { describe, expect, it } from "vitest";
import { redactingIo } from "./io.js";
import { displayWidth, escapeControls, renderTable, toJson } from "./output.js";
import { maskFields } from "./sensitive.js";

const plain = pc.createColors(false);
const colored = pc.createColors(true);

describe("renderTable", () => {
  it("aligns columns by display width, ignoring the CLI's colour codes, without trailing spaces", () => {
    const text = renderTable(
      ["A", "NAME", "X"],
      [
        ["1", colored.green("ready"), "z"],
        ["22", "日本", ""],
      ],
      plain,
    );
    expect(text.split("\n")).toEqual(["A   NAME   X", `1   ${colored.green("ready")}  z`, "22  日本"]);
    expect(displayWidth(colored.red("abc"))).toBe(3);
    expect(displayWidth("e\u0301")).toBe(1);
  });

  it("renders 200 000 rows in one linear pass", () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [`deepinfra:d${i}`, "acme/llama-3-8b", "ready", "1-2"]);
    const lines = renderTable(["REFERENCE", "MODEL", "STATUS", "SCALING"], rows, plain).split("\n");
    expect(lines).toHaveLength(200_001);
    expect(lines[200_000]).toBe("deepinfra:d199999  acme/llama-3-8b  ready   1-2");
  });
});

describe("escapeControls and toJson", () => {
  it("makes C0, DEL and C1 visible and leaves other text alone", () => {
    expect(escapeControls("a\u001b[2Jb\u0007\u007f\u009b\r\n\tü€")).toBe("a\\x1b[2Jb\\x07\\x7f\\x9b\\r\\n\\tü€");
  });

  it("--json keeps the exact value but writes DEL and C1 as \\u escapes", () => {
    const value = { s: "x\u009b2J\u007f\u001b" };
    const text = toJson(value);
    expect(text).not.toMatch(/[\u007f-\u009f]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe("maskFields", () => {
  it("masks named fields at any depth, keeps dates, and cuts what it cannot reach", () => {
    const date = new Date(0);
    let deep: unknown = { token: "t" };
    for (let i = 0; i < 100; i++) deep = { a: deep };
    const masked = maskFields({ at: date, list: [{ token: "t" }], raw: { config: { token: "t", keep: 1 } }, deep }, ["token"]);
    expect(masked).toMatchObject({ at: date, list: [{ token: "[sensitive]" }], raw: { config: { token: "[sensitive]", keep: 1 } } });
    expect(JSON.stringify(masked)).not.toContain('"t"');
  });
});

describe("redactingIo", () => {
  it("redacts a key as it is, JSON-escaped, \\u-escaped and percent-encoded", () => {
    const written: string[] = [];
    const sink = { write: (t: string) => written.push(t) };
    const key = 'sk-"quoted"\\é-key';
    const io = redactingIo({ stdout: sink, stderr: sink, stdin: process.stdin, env: {} }, [key]);
    const json = JSON.stringify(key);
    io.stdout.write(`${key} ${json} ${json.replace("é", "\\u00e9")} ${encodeURIComponent(key)}`);
    expect(written[0]).toBe('[redacted] "[redacted]" "[redacted]" [redacted]');
  });
});
