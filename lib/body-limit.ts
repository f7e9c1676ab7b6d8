/** "8 KB", "1 MB": the limit as the 413 answer states it. */
function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
}

/** The answer to a body over a route's limit: one plain line, nothing of the body echoed. */
export function bodyTooLarge(maxBytes: number): Response {
  return new Response(`Request body too large: the limit here is ${sizeText(maxBytes)}.\n`, {
    status: 413,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** The request says up front that its body is over the limit (a missing or garbled length says nothing). */
export function declaresTooLarge(request: Request, maxBytes: number): boolean {
  const length = Number(request.headers.get("content-length") ?? 0);
  return Number.isFinite(length) && length > maxBytes;
}

/**
 * The body as text, or the 413 answer when it is over `maxBytes`. A chunked body has no
 * Content-Length, so the bytes are also counted as they arrive and reading stops at the limit.
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<string | Response> {
  if (declaresTooLarge(request, maxBytes)) return bodyTooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return bodyTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
