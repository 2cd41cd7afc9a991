import pc from "picocolors";
import { describe, expect, it } from "vitest";
import { redactingIo } from "./io.js";
import { type Column, displayWidth, escapeControls, renderColumns, renderTable, toJson, truncate } from "./output.js";
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

describe("renderColumns", () => {
  const columns: Column<string[]>[] = [
    { head: "ID", cell: (r) => r[0] as string, droppable: true },
    { head: "REFERENCE", cell: (r) => r[1] as string, truncate: true },
    { head: "NAME", cell: (r) => r[2] as string, truncate: true },
    { head: "N", cell: (r) => r[3] as string },
  ];
  const rows = [
    ["a", "acme:a-very-long-reference-name@v1", "a rather long model name", "1"],
    ["bb", "acme:short@v2", "short", "22"],
  ];
  const lines = (width?: number) => renderColumns(columns, rows, plain, width).split("\n");

  it("without a width (a pipe, --wide) keeps every cell whole", () => {
    expect(lines()[1]).toBe("a   acme:a-very-long-reference-name@v1  a rather long model name  1");
  });

  it("cuts the widest truncatable column first, each cell ending in …, to fit the width", () => {
    const fitted = lines(60);
    for (const line of fitted) expect(displayWidth(line)).toBeLessThanOrEqual(60);
    expect(fitted[1]).toContain("…");
    // The shorter rows are not cut, and columns that may not be cut stay whole.
    expect(fitted[2]).toMatch(/^bb {2}acme:short@v2 +short +22$/);
  });

  it("drops a droppable column only when cutting cannot make the table fit", () => {
    expect(lines(40)[0]?.startsWith("ID")).toBe(true);
    const narrow = lines(25);
    expect(narrow[0]?.startsWith("REFERENCE")).toBe(true);
    for (const line of narrow) expect(displayWidth(line)).toBeLessThanOrEqual(25);
  });

  it("truncate counts wide characters twice", () => {
    expect(truncate("日本語のテキスト", 7)).toBe("日本語…");
    expect(truncate("short", 7)).toBe("short");
  });
});
