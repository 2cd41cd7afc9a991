import { RULES, type Rule, type Verdicts } from "../src/diff/rules.js";

const cell = (v: Verdicts) => `${v.wire} / ${v.types}`;

/** The README's rule table, built from the rules themselves so the two cannot drift apart. */
export function ruleTable(): string {
  const rows = Object.entries(RULES as Record<string, Rule>).map(([code, rule]) => {
    const request = rule.request ?? rule.any;
    const response = rule.response ?? rule.any;
    const verdicts = rule.any ? cell(rule.any) : `${request ? cell(request) : "—"} │ ${response ? cell(response) : "—"}`;
    return `| \`${code}\` | ${rule.summary} | ${verdicts} | ${rule.example} |`;
  });
  return [
    "| rule | change | wire / types (request │ response) | example |",
    "| ---- | ------ | ---------------------------------- | ------- |",
    ...rows,
  ].join("\n");
}
