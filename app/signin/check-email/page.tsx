import type { Metadata } from "next";
import Link from "next/link";
import { devToolsEnabled } from "@/lib/env";

export const metadata: Metadata = { title: "Check your email" };

export default function CheckEmailPage() {
  return (
    <div className="mx-auto max-w-sm text-center">
      <h1 className="mb-2 text-2xl font-semibold">Check your email</h1>
      <p className="text-gray-600">A sign-in link is on its way. It works once and expires in 24 hours.</p>
      {devToolsEnabled() ? (
        <p className="mt-6 text-sm text-gray-600">
          No mail provider is configured, so the link lands in the{" "}
          <Link href="/dev/mailbox" className="btn-link">
            dev mailbox
          </Link>
          .
        </p>
      ) : null}
    </div>
  );
}
