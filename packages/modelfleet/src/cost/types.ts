import type { MicroUsd, ModelVersion, Scaling, VersionStatus } from "@modelfleet/runtime/fleet";
import type { ProviderFailure } from "../errors.js";
import type { FleetCallOptions } from "../fleet.js";
import type { PriceTable } from "./price-table.js";
import type { CostWindow, CostWindowInput } from "./window.js";

/** Where a figure comes from. */
export type FigureSource =
  /** The platform's API said so (its price catalogue, its usage or billing report). */
  | "api"
  /** The user's price table (`prices`) said so. */
  | "price-table"
  /** Worked out from other figures: a rate of 0 for a deployment with no replica running, `idle` from requests and replicas. */
  | "derived";

/** A figure that is known, and from where. */
export interface KnownFigure<V> {
  value: V;
  source: FigureSource;
}

/** A figure that is not known: the platform does not report it and no price table gives it. Never counted as 0. */
export interface UnknownFigure {
  source: "unknown";
  /** Why, in words, e.g. `ACME has no price API; price gpu-small in a price table`. */
  reason: string;
}

/** One figure of a cost report: its value and source, or why it is unknown. */
export type CostFigure<V> = KnownFigure<V> | UnknownFigure;

/** Lowest and highest, for a platform that reports replica bounds but not how many replicas run. */
export interface Range<V> {
  min: V;
  max: V;
}

/** The unit price of one running replica; a price-table figure says what the API's price was, when there was one. */
export type UnitPriceFigure = (KnownFigure<MicroUsd> & { overrides?: MicroUsd }) | UnknownFigure;

/** What one deployment costs. Money is in integer micro-dollars (`formatUsd` from `@modelfleet/runtime/fleet` prints it). */
export interface DeploymentCost {
  ref: string;
  provider: string;
  status: VersionStatus;
  /** The hardware SKU as the price catalogue names it, else as the deployment reports it; the key of a price table entry. */
  hardware: string | null;
  /** Replicas running now: a count, bounds where the platform reports no count, `null` when neither is known. 0 when stopped. */
  replicas: number | Range<number> | null;
  /** Replica bounds as the provider holds them (what `cost --idle --write` keeps the maximum of). */
  scaling: Scaling | null;
  /** One replica's price per hour. */
  unitPrice: UnitPriceFigure;
  /** What the deployment costs per hour now: unit price × replicas (a range where replicas are a range). */
  ratePerHour: CostFigure<MicroUsd | Range<MicroUsd>>;
  /** Spend over the window, where the platform reports money per deployment. */
  spend: CostFigure<MicroUsd>;
  /** Requests over the window, where the platform counts them. */
  requests: CostFigure<number>;
  /** Replicas running and no request over the window; known only where requests are. */
  idle: CostFigure<boolean>;
}

/** A sum over deployments that leaves the unknown ones out and says how many. */
export interface TotalFigure<V> {
  value: V;
  /** How many deployments the sum includes. */
  counted: number;
  /** How many it leaves out because their figure is unknown. */
  unknown: number;
}

/** Sums over a set of deployments. */
export interface CostTotal {
  deployments: number;
  /** A range as soon as one deployment's rate is one. */
  ratePerHour: TotalFigure<MicroUsd | Range<MicroUsd>>;
  spend: TotalFigure<MicroUsd>;
  requests: TotalFigure<number>;
  /** How many deployments are idle (`value`), and for how many it is unknown. */
  idle: TotalFigure<number>;
}

/** One provider's totals. */
export interface ProviderCostTotal extends CostTotal {
  provider: string;
  /** The platform's own idle setting, in words, when it has one (usually the better fix than scaling by hand). */
  idleTimeout: string | null;
}

/** A price table entry no deployment of its provider runs on (likely a misspelt SKU). */
export interface UnusedPrice {
  provider: string;
  sku: string;
}

/** What `fleet.cost()` found. */
export interface CostReport {
  /** The window spend and requests cover. */
  window: CostWindow;
  /** One entry per deployment of the providers that answered, in the order they answered. */
  deployments: DeploymentCost[];
  /** Totals of each provider that answered. */
  providers: ProviderCostTotal[];
  /** Totals of the whole report. */
  total: CostTotal;
  /**
   * Providers that could not be listed (a missing key, an API error), or whose usage or prices failed as a whole
   * (a window the platform refuses, a catalogue that did not load): their deployments' figures are then unknown.
   */
  failures: ProviderFailure[];
  /** Price table entries of providers that answered whose SKU no deployment runs on. */
  unusedPrices: UnusedPrice[];
}

/** Options of `fleet.cost()`. */
export interface CostOptions<Id extends string = string> extends FleetCallOptions {
  /** `24h`, `7d`, `<from>..<to>`, or `{ from, to }`: the window spend and requests cover. */
  window: CostWindowInput;
  /** Which providers; default every configured one that lists deployments. */
  providers?: readonly Id[];
  /** The user's prices (see {@link PriceTable}); checked before any request. */
  prices?: PriceTable;
  /**
   * Versions already listed (e.g. by `listDeployments`) to report on instead of listing again: only their
   * providers are asked, for prices and usage. Their references must be the fleet's.
   */
  versions?: readonly ModelVersion[];
  /** `false` skips the usage reads (spend, requests, idle are then unknown): for a rate only. Default `true`. */
  usage?: boolean;
  /** Called once per provider as soon as its part of the report is complete or it failed, e.g. for a progress line. */
  onProviderSettled?: (provider: string) => void;
}
