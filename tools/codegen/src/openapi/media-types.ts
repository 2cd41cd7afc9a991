/** How a body of a media type is read from a response: what the generated method resolves to. */
export type ReadAs = "json" | "text" | "blob" | "stream";

/** How a request body of a media type is encoded on the wire. */
export type BodyEncoding = "json" | "form" | "multipart";

/** `application/json`, `application/problem+json`, `application/json; charset=utf-8`. */
export function isJsonMediaType(mediaType: string): boolean {
  return /^application\/(.+\+)?json\b/i.test(mediaType);
}

/**
 * How a success body is read, by media type: JSON parsed; `text/event-stream` as a stream (events arrive over time);
 * other text (and XML) as a string; anything else (binary, audio, images, PDFs) as a Blob.
 */
export function readAsOf(mediaType: string): ReadAs {
  if (isJsonMediaType(mediaType)) return "json";
  if (/^text\/event-stream\b/i.test(mediaType)) return "stream";
  if (/^text\//i.test(mediaType) || /^application\/(.+\+)?xml\b/i.test(mediaType)) return "text";
  return "blob";
}

/** The encoding of a request body media type, or `undefined` for one the client cannot send. */
export function bodyEncodingOf(mediaType: string): BodyEncoding | undefined {
  if (isJsonMediaType(mediaType)) return "json";
  if (/^application\/x-www-form-urlencoded\b/i.test(mediaType)) return "form";
  if (/^multipart\/form-data\b/i.test(mediaType)) return "multipart";
  return undefined;
}
