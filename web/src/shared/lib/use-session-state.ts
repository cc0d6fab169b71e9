import { useEffect, useState } from 'react';

/**
 * State that survives a reload of the tab (sessionStorage), for form fields a person should not have to type
 * again. Never use it for passwords.
 */
export function useSessionState<T>(key: string, initial: T): [T, (value: T) => void] {
  const storageKey = `mobayilo:${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = sessionStorage.getItem(storageKey);
      return stored === null ? initial : (JSON.parse(stored) as T);
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(value));
    } catch {
      // Private browsing may refuse storage; the form still works, it just won't survive a reload.
    }
  }, [storageKey, value]);
  return [value, setValue];
}

export function clearSessionState(key: string) {
  try {
    sessionStorage.removeItem(`mobayilo:${key}`);
  } catch {
    // nothing stored
  }
}
