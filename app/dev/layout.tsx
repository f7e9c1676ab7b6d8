import Link from "next/link";
import type { ReactNode } from "react";
import { requireDevTools } from "@/lib/devtools";

export default function DevLayout({ children }: { children: ReactNode }) {
  requireDevTools();
  return (
    <div>
      <nav className="mb-6 flex gap-4 border-b border-gray-200 pb-3 text-sm">
        <span className="font-semibold text-gray-500">Developer tools</span>
        <Link href="/dev/mailbox" className="btn-link">
          Mailbox
        </Link>
        <Link href="/dev/emails" className="btn-link">
          Email templates
        </Link>
      </nav>
      {children}
    </div>
  );
}
