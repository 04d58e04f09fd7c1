import { act, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SensorTable } from '../api/types';
import { problem, stubFetch } from '../test/fetchStub';
import sensorTable from '../test/fixtures/sensor-table.json';
import { AssetSensors } from './AssetSensors';

const sensors = sensorTable as SensorTable;

describe('AssetSensors', () => {
  it('lists the sensors with their days and attributes, and marks the one whose attributes changed', async () => {
    const { calls } = stubFetch([{ path: '/api/assets/features/sensors', reply: { body: sensors } }]);
    render(<AssetSensors asset="features" />);

    const table = await screen.findByRole('table', { name: 'Sensors of features' });
    const section = screen.getByRole('region', { name: 'Sensors' });
    expect(section).toHaveTextContent('Columns that never change within a sensor (its location, coordinates, type) are kept once per sensor here instead of as features; predictions carry them.');
    expect(calls.map((c) => `${c.url.pathname}${c.url.search}`)).toEqual(['/api/assets/features/sensors?limit=100']);

    const [header, s1, s2, s3] = within(table).getAllByRole('row');
    expect(within(header!).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'sensor_id',
      'first_seen',
      'last_seen',
      'attribute_changes',
      'location',
      'lat',
      'lon',
      'sensor_type',
    ]);
    expect(within(s1!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['s1', '2024-03-01', '2024-03-04', '0', '101', '48.137', '11.575', 'SDS011']);
    expect(within(s3!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['s3', '2024-03-01', '2024-03-03', '0', '103', '', '', 'PMS5003']);

    expect(s2).toHaveClass('warn');
    expect(s2).toHaveAttribute('title', 'its attributes changed on 2 days: it may have moved');
    expect(s1).not.toHaveClass('warn');
    expect(s1).not.toHaveAttribute('title');
    expect(section).not.toHaveTextContent('sensors shown');
  });

  it('says only the first sensors are shown when the limit left some out', async () => {
    stubFetch([{ path: '/api/assets/features/sensors', reply: { body: { ...sensors, more: true } } }]);
    render(<AssetSensors asset="features" />);

    await screen.findByRole('table', { name: 'Sensors of features' });
    expect(screen.getByText('First 3 sensors shown.')).toBeInTheDocument();
  });

  it('shows nothing for an asset without a sensors table', async () => {
    const { calls } = stubFetch([
      { path: '/api/assets/readings/sensors', reply: problem(404, 'Not Found', "asset 'readings': it has no sensors table (it is not a features asset)") },
    ]);
    const { container } = render(<AssetSensors asset="readings" />);

    await waitFor(() => expect(calls).toHaveLength(1));
    // Let the 404 come back and be read.
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(container).toBeEmptyDOMElement();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it("shows the server's reason when the sensors table cannot be read", async () => {
    stubFetch([
      {
        path: '/api/assets/features/sensors',
        reply: problem(422, 'Unreadable sensors table', "asset 'features': _asset/sensors.parquet is not readable Parquet"),
      },
    ]);
    render(<AssetSensors asset="features" />);

    expect(await screen.findByRole('alert')).toHaveTextContent("asset 'features': _asset/sensors.parquet is not readable Parquet");
    expect(screen.getByRole('region', { name: 'Sensors' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
