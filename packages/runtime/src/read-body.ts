/**
 * Reads a body to the end, counting the bytes as they arrive (after any decompression fetch does), and
 * stops reading as soon as they exceed `limit`: a huge or decompression-bomb body never fills memory.
 * Returns the bytes, or `undefined` when the body was larger than the limit.
 */
export async function readBodyWithin(
  body: ReadableStream<Uint8Array<ArrayBuffer>> | null,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (body === null) return new Uint8Array(0);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? (chunks[0] as Uint8Array<ArrayBuffer>) : concat(chunks, size);
}

function concat(chunks: Uint8Array<ArrayBuffer>[], size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * A body passed through as it arrives, counting its bytes: past `limit` the stream fails with `tooLarge()` and the
 * source is cancelled. `done` runs once when the stream ends, fails or is cancelled by its reader.
 */
export function streamWithin(
  source: ReadableStream<Uint8Array>,
  limit: number,
  tooLarge: () => Error,
  done: () => void,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let size = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        done();
        controller.error(error);
        return;
      }
      if (chunk.done) {
        done();
        controller.close();
        return;
      }
      size += chunk.value.byteLength;
      if (size > limit) {
        reader.cancel().catch(() => {});
        done();
        controller.error(tooLarge());
        return;
      }
      controller.enqueue(chunk.value);
    },
    cancel(reason) {
      done();
      return reader.cancel(reason);
    },
  });
}
