import { useSyncExternalStore } from 'react';
import { displayZone, subscribeDisplayZone } from './time';

/** The zone times are shown in; the component renders again when the user chooses another. */
export function useDisplayZone(): string {
  return useSyncExternalStore(subscribeDisplayZone, displayZone, displayZone);
}
