// `modelfleet/fleet-file`: reading and writing fleet files. A subpath of its own so that the YAML parser and the
// schema validator stay out of the facade's main bundle (browsers, edge functions).

export type { ReferenceReader } from "./desired-state/access.js";
export {
  FLEET_SCHEMA_URL,
  FleetFileError,
  type FleetFileOptions,
  type FleetFileProblem,
  fleetFileErrorAt,
  parseFleetFile,
  parsePriceFile,
  readFleetFile,
  readPriceFile,
  stringifyFleetFile,
} from "./desired-state/fleet-file.js";
