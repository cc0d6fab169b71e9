import { useState } from 'react';
import { ApiError } from '../api/client';

/**
 * Runs a form submission: tracks progress, and turns a failure into a message and per-field errors that the
 * form shows next to its inputs. The form keeps its values either way.
 */
export function useFormSubmit<T>(submit: () => Promise<T>, onSuccess?: (result: T) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function run(event?: { preventDefault(): void }) {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await submit();
      onSuccess?.(result);
    } catch (caught) {
      setError(
        caught instanceof ApiError
          ? caught
          : new ApiError(0, 'unexpected', 'Something went wrong. Please try again.'),
      );
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, fieldErrors: error?.fieldErrors ?? {}, run, clearError: () => setError(null) };
}
