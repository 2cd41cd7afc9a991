/**
 * The target of the first `rel="next"` link of an RFC 8288 `Link` header (`<https://…?page=2>; rel="next"`), or
 * `undefined`. `rel` may list several relation types (`rel="next last"`); commas inside `<…>` or a quoted parameter do not split links.
 */
export function nextLinkTarget(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  for (const link of header.matchAll(/<([^>]*)>((?:[^,"]|"[^"]*")*)/g)) {
    const params = link[2] ?? "";
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
    const types = (rel?.[1] ?? rel?.[2] ?? "").toLowerCase().split(/\s+/);
    if (types.includes("next")) return link[1];
  }
  return undefined;
}
