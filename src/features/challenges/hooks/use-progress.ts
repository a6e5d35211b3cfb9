import { useEffect, useState } from 'react';

/** Where the ids of the challenges met are kept: in this browser, for every tab. */
const STORAGE_KEY = 'cors-playground.challenges-done';

function readDone(): Set<string> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return new Set(Array.isArray(value) ? value.filter((id) => typeof id === 'string') : []);
  } catch {
    // Unreadable (hand-edited, or storage refused): start over rather than fail.
    return new Set();
  }
}

/** The challenges met so far, kept locally. */
export function useProgress() {
  const [done, setDone] = useState<ReadonlySet<string>>(readDone);
  useEffect(() => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify([...done]));
    } catch {
      // Storage refused (private mode, quota): progress lasts as long as the page.
    }
  }, [done]);
  const markDone = (id: string) =>
    setDone((before) => (before.has(id) ? before : new Set(before).add(id)));
  return { done, markDone };
}
