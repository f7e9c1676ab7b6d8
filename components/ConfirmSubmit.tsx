"use client";

import type { ReactNode } from "react";

/** A submit button that asks first (without JavaScript the form simply submits). */
export function ConfirmSubmit({ question, className, label, children }: { question: string; className?: string; label?: string; children: ReactNode }) {
  return (
    <button
      type="submit"
      className={className}
      aria-label={label}
      onClick={(event) => {
        if (!window.confirm(question)) event.preventDefault();
      }}
    >
      {children}
    </button>
  );
}
