import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, extname, join, resolve } from "node:path";
import { adaptSpecForPrism } from "./adapt-spec.js";

/** A spec ready to hand to Prism: the file to load and what was changed to get it. */
export interface PreparedSpec {
  /** The spec's absolute path, for messages. */
  specPath: string;
  /** The file Prism loads: the spec itself, or an adapted copy in `tempDir`. */
  document: string;
  /** The temporary directory holding the adapted copy, to remove when the mock stops. */
  tempDir: string | undefined;
  adjustments: readonly string[];
}

/** Checks the port, reads the spec and, when Prism needs it adapted, writes the adapted copy to a temporary file. */
export async function prepareSpec(spec: string, port: number): Promise<PreparedSpec> {
  const specPath = resolve(spec);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`port must be an integer from 0 to 65535, got ${port}`);
  const source = await readFile(specPath, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new Error(`Cannot read the spec to mock at ${specPath}: ${error.code ?? error.message}`);
  });
  const adapted = adaptSpecForPrism(source, specPath);
  if (adapted.document === undefined) return { specPath, document: specPath, tempDir: undefined, adjustments: adapted.adjustments };
  const tempDir = await mkdtemp(join(tmpdir(), "modelfleet-mock-"));
  const document = join(tempDir, `${basename(specPath, extname(specPath))}.json`);
  await writeFile(document, JSON.stringify(adapted.document));
  return { specPath, document, tempDir, adjustments: adapted.adjustments };
}
