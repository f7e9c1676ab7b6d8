import Link from "next/link";
import { auth, signOut } from "@/lib/auth";

export async function SiteHeader() {
  const session = await auth();
  async function signOutAction() {
    "use server";
    await signOut({ redirectTo: "/" });
  }
  return (
    <header className="border-b border-gray-200 bg-white">
      <div className="mx-auto flex max-w-4xl items-center justify-between px-4 py-3">
        <Link href={session?.user ? "/events" : "/"} className="text-lg font-semibold text-brand-700">
          FastInviter
        </Link>
        {session?.user ? (
          <nav className="flex items-center gap-4 text-sm">
            <Link href="/events" className="text-gray-700 hover:text-gray-900">
              Events
            </Link>
            <Link href="/account" className="max-w-40 truncate text-gray-500 hover:text-gray-900">
              {session.user.name || session.user.email}
            </Link>
            <form action={signOutAction}>
              <button type="submit" className="btn-secondary">
                Sign out
              </button>
            </form>
          </nav>
        ) : (
          <Link href="/signin" className="btn-primary">
            Sign in
          </Link>
        )}
      </div>
    </header>
  );
}
