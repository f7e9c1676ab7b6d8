import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-gray-600">There is nothing here. If you followed a link, it may have been mistyped or is no longer valid.</p>
      <Link href="/" className="btn-link mt-6 inline-block">
        Go to the start page
      </Link>
    </div>
  );
}
