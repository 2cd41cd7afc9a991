import { svg } from "./dom.js";

/** One bar: its label, its length (any unit, non-negative) and the text shown after it. */
export interface Bar {
  label: string;
  value: number;
  text: string;
}

const ROW = 30;
const LABEL = 150;
const BAR = 420;
const TEXT = 190;

/**
 * A horizontal bar chart as plain SVG (no library: a few bars need none): bars scaled to the largest, the value as
 * text beside each. Labels and values are text nodes; `title` names the chart for screen readers.
 */
export function barChart(title: string, bars: readonly Bar[]): SVGElement {
  const max = Math.max(...bars.map((b) => b.value), 0);
  const height = Math.max(bars.length, 1) * ROW;
  return svg(
    "svg",
    { class: "chart", role: "img", "aria-label": title, viewBox: `0 0 ${LABEL + BAR + TEXT} ${height}`, width: LABEL + BAR + TEXT, height },
    svg("title", {}, title),
    ...bars.map((bar, i) => {
      const y = i * ROW;
      const width = max > 0 ? Math.max((bar.value / max) * BAR, bar.value > 0 ? 2 : 0) : 0;
      return svg(
        "g",
        {},
        svg("text", { x: LABEL - 8, y: y + ROW / 2, "text-anchor": "end", "dominant-baseline": "middle", class: "chart-label" }, bar.label),
        svg("rect", { x: LABEL, y: y + 6, width: width.toFixed(1), height: ROW - 12, rx: 3, class: "chart-bar" }),
        svg("text", { x: LABEL + width + 8, y: y + ROW / 2, "dominant-baseline": "middle", class: "chart-value" }, bar.text),
      );
    }),
  );
}
