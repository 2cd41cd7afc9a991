import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { isRecord } from "../openapi/json.js";
import { pointerSegments } from "./types.js";

/** A spec parsed from text with nothing but the YAML parser, keeping what is needed to point back into the text. */
export interface SpecText {
  document: Record<string, unknown>;
  /** Line and column (1-based) of a JSON pointer: of the key when it names a mapping entry. */
  locate(pointer: string): { line?: number; column?: number };
}

/** A spec's text could not be parsed. */
export interface SpecTextError {
  message: string;
  line?: number;
  column?: number;
}

/** Parses YAML or JSON text (JSON is YAML) into a spec document plus a pointer locator. */
export function parseSpecText(text: string): SpecText | { errors: SpecTextError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length) {
    return {
      errors: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { message: e.message.split("\n")[0] ?? e.message, line: pos.line, column: pos.col };
      }),
    };
  }
  const value = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  if (!isRecord(value)) return { errors: [{ message: "the spec must be a YAML or JSON object", line: 1, column: 1 }] };
  return {
    document: value,
    locate(pointer) {
      let node: unknown = doc.contents;
      let offset: number | undefined = (doc.contents as Node | null)?.range?.[0];
      for (const segment of pointerSegments(pointer)) {
        if (isMap(node)) {
          const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === segment);
          if (!pair) break;
          offset = (pair.key as Node | null)?.range?.[0] ?? offset;
          node = pair.value;
        } else if (isSeq(node)) {
          const item = node.items[Number(segment)] as Node | undefined;
          if (!item) break;
          offset = item.range?.[0] ?? offset;
          node = item;
        } else break;
      }
      if (offset === undefined) return {};
      const pos = lineCounter.linePos(offset);
      return { line: pos.line, column: pos.col };
    },
  };
}
