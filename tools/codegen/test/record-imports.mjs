// Preloaded with `node --import`: records the URL of every module the process imports into the file named by
// RECORD_IMPORTS, so a test can assert which libraries a run loaded.
import { register } from "node:module";

register("./record-imports-hooks.mjs", import.meta.url, { data: { file: process.env.RECORD_IMPORTS } });
