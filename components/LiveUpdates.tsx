"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * Keeps a page live: polls a cheap fingerprint of its data and re-renders the page only when
 * it changed. Pauses while the tab is hidden.
 */
export function LiveUpdates({ stampUrl, initialStamp, everyMs = 1500 }: { stampUrl: string; initialStamp: string; everyMs?: number }) {
  const router = useRouter();
  const stamp = useRef(initialStamp);
  useEffect(() => {
    stamp.current = initialStamp;
  }, [initialStamp]);
  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const response = await fetch(stampUrl, { cache: "no-store" });
        if (!response.ok) return;
        const { stamp: latest } = (await response.json()) as { stamp: string };
        if (!stopped && latest !== stamp.current) {
          stamp.current = latest;
          router.refresh();
        }
      } catch {
        // Offline for a moment: the next tick tries again.
      }
    };
    const timer = setInterval(tick, everyMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [router, stampUrl, everyMs]);
  return null;
}
