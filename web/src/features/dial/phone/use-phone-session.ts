import { useSyncExternalStore } from 'react';
import { phoneSession } from './phone-session';

export function usePhoneSession() {
  return useSyncExternalStore(phoneSession.subscribe, phoneSession.getSnapshot);
}
