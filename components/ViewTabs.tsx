import Link from "next/link";

/** Plain links as tabs, so switching views needs no JavaScript. */
export function ViewTabs({ base, current, views, extra = "" }: { base: string; current: string; views: [string, string][]; extra?: string }) {
  return (
    <nav className="flex gap-1 text-sm" aria-label="Views">
      {views.map(([key, label]) => (
        <Link
          key={key}
          href={`${base}?view=${key}${extra}`}
          aria-current={current === key ? "page" : undefined}
          className={`rounded-md px-3 py-1.5 ${current === key ? "bg-brand-600 text-white" : "bg-white text-gray-700 ring-1 ring-gray-300 hover:bg-gray-50"}`}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
