import type { MicroUsd } from "@modelfleet/runtime/fleet";
import type { CostTotal, DeploymentCost, Range } from "./types.js";

/** Sums deployments' figures as they come, leaving unknown ones out and counting them. Internal. */
export class CostSum {
  private deployments = 0;
  private rateMin = 0;
  private rateMax = 0;
  private rateIsRange = false;
  private readonly rate = { counted: 0, unknown: 0 };
  private readonly spend = { value: 0, counted: 0, unknown: 0 };
  private readonly requests = { value: 0, counted: 0, unknown: 0 };
  private readonly idle = { value: 0, counted: 0, unknown: 0 };

  add(cost: DeploymentCost): void {
    this.deployments++;
    const { ratePerHour, spend, requests, idle } = cost;
    if (ratePerHour.source === "unknown") this.rate.unknown++;
    else {
      this.rate.counted++;
      const value = ratePerHour.value;
      if (typeof value === "number") {
        this.rateMin += value;
        this.rateMax += value;
      } else {
        this.rateIsRange = true;
        this.rateMin += value.min;
        this.rateMax += value.max;
      }
    }
    count(this.spend, spend.source === "unknown" ? undefined : spend.value);
    count(this.requests, requests.source === "unknown" ? undefined : requests.value);
    count(this.idle, idle.source === "unknown" ? undefined : idle.value ? 1 : 0);
  }

  total(): CostTotal {
    const rate: MicroUsd | Range<MicroUsd> =
      this.rateIsRange && this.rateMin !== this.rateMax ? { min: this.rateMin, max: this.rateMax } : this.rateMin;
    return {
      deployments: this.deployments,
      ratePerHour: { value: rate, ...this.rate },
      spend: { ...this.spend },
      requests: { ...this.requests },
      idle: { ...this.idle },
    };
  }
}

function count(sum: { value: number; counted: number; unknown: number }, value: number | undefined): void {
  if (value === undefined) sum.unknown++;
  else {
    sum.value += value;
    sum.counted++;
  }
}
