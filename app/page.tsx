import Link from "next/link";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth";

export default async function Home() {
  const session = await auth();
  if (session?.user) redirect("/events");
  return (
    <section className="py-12 text-center">
      <h1 className="text-4xl font-bold tracking-tight">Invitations that never keep you waiting</h1>
      <p className="mx-auto mt-4 max-w-xl text-lg text-gray-600">
        Create an event, invite your guests by email and watch every answer — and every email — arrive live. Guests answer from their
        personal link, no account needed.
      </p>
      <Link href="/signin" className="btn-primary mt-8 px-6 py-3 text-base">
        Sign in with your email
      </Link>
    </section>
  );
}
