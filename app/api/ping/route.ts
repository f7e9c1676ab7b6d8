// The framework's own ceiling for the page benchmarks, and a cheap health check: no database, no session.
export function GET() {
  return new Response("ok", { headers: { "content-type": "text/plain" } });
}
