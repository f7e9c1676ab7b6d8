import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, isFramedEmailPath, referrerPolicy } from "@/lib/security-headers";

/**
 * Security headers for every page. Only headers: who may see what is checked by each page,
 * action and route itself.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (isFramedEmailPath(pathname)) return NextResponse.next();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  // Next reads the nonce from the request's policy and puts it on its own scripts.
  requestHeaders.set("content-security-policy", csp);
  // For requireHost, which cannot see the path: a signed-out visitor returns here after signing in.
  requestHeaders.set("x-fastinviter-path", pathname);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("Referrer-Policy", referrerPolicy(pathname));
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
