import { describe, expect, it } from "vitest";
import { bodyTooLarge, declaresTooLarge, readBodyWithin } from "./body-limit";

const encoder = new TextEncoder();

/** A chunked upload, as a client that streams sends it: no Content-Length, chunks on demand. */
function streamed(chunks: Iterable<Uint8Array>) {
  const source = chunks[Symbol.iterator]();
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = source.next();
      pulled++;
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel() {
      cancelled = true;
    },
  });
  const request = new Request("http://localhost/upload", { method: "POST", body, duplex: "half" } as RequestInit);
  return { request, pulled: () => pulled, cancelled: () => cancelled };
}

function* endless(chunk: Uint8Array) {
  for (;;) yield chunk;
}

describe("readBodyWithin", () => {
  it("reads a body within the limit as text, up to the last byte allowed", async () => {
    const text = "List-Unsubscribe=One-Click ✓";
    expect(await readBodyWithin(new Request("http://localhost/", { method: "POST", body: text }), 1024)).toBe(text);
    const exact = "x".repeat(1024);
    expect(await readBodyWithin(new Request("http://localhost/", { method: "POST", body: exact }), 1024)).toBe(exact);
    expect(await readBodyWithin(new Request("http://localhost/", { method: "POST" }), 1024)).toBe("");
  });

  it("decodes a character split across chunks", async () => {
    const bytes = encoder.encode("é");
    const { request } = streamed([bytes.slice(0, 1), bytes.slice(1)]);
    expect(await readBodyWithin(request, 1024)).toBe("é");
  });

  it("refuses a body whose Content-Length is over the limit without reading it", async () => {
    const { request, pulled } = streamed(endless(new Uint8Array(10)));
    const declared = new Request(request, { headers: { "content-length": "1025" } });
    const answer = await readBodyWithin(declared, 1024);
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(413);
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("stops reading a chunked body at the limit", async () => {
    const { request, pulled, cancelled } = streamed(endless(new Uint8Array(1000)));
    const answer = await readBodyWithin(request, 8 * 1024);
    expect((answer as Response).status).toBe(413);
    expect(pulled()).toBeLessThan(20);
    expect(cancelled()).toBe(true);
  });

  it("ignores a garbled Content-Length and counts the bytes instead", async () => {
    const lying = (body: string) => new Request("http://localhost/", { method: "POST", body, headers: { "content-length": "many" } });
    expect(await readBodyWithin(lying("short"), 1024)).toBe("short");
    expect(((await readBodyWithin(lying("x".repeat(1025)), 1024)) as Response).status).toBe(413);
  });
});

describe("declaresTooLarge", () => {
  it("goes by the Content-Length header alone", () => {
    const post = (length?: string) => new Request("http://localhost/", { method: "POST", headers: length ? { "content-length": length } : {} });
    expect(declaresTooLarge(post("16385"), 16 * 1024)).toBe(true);
    expect(declaresTooLarge(post("16384"), 16 * 1024)).toBe(false);
    expect(declaresTooLarge(post(), 16 * 1024)).toBe(false);
  });
});

describe("bodyTooLarge", () => {
  it("answers 413 with one plain line naming the limit", async () => {
    const answer = bodyTooLarge(1024 * 1024);
    expect(answer.status).toBe(413);
    expect(answer.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await answer.text()).toBe("Request body too large: the limit here is 1 MB.\n");
    expect(await bodyTooLarge(8 * 1024).text()).toBe("Request body too large: the limit here is 8 KB.\n");
  });
});
