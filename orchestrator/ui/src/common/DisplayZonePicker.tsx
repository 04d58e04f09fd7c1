import { useMemo } from 'react';
import { browserZone, displayZoneChoice, setDisplayZone } from './time';
import { useDisplayZone } from './useDisplayZone';
import './DisplayZonePicker.css';

/** Every zone the browser knows; the chosen one is kept even on a runtime that cannot list them. */
function zoneNames(chosen: string): string[] {
  const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([...listed, ...(chosen && chosen !== 'UTC' ? [chosen] : [])])].filter((z) => z !== 'UTC').sort();
}

/** Which zone times are shown in: the browser's (the default), UTC, or any IANA zone; remembered in this browser. */
export function DisplayZonePicker() {
  useDisplayZone();
  const choice = displayZoneChoice();
  const zones = useMemo(() => zoneNames(choice), [choice]);
  return (
    <label className="zone-picker" title="Times on every page are shown in this zone; hover a time for UTC">
      <span className="zone-picker-label">Times in</span>
      <select value={choice} onChange={(e) => setDisplayZone(e.target.value)} aria-label="Show times in">
        <option value="">Browser zone ({browserZone()})</option>
        <option value="UTC">UTC</option>
        {zones.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </select>
    </label>
  );
}
