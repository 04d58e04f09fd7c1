import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '../api/client';
import type { Dataset } from '../api/types';
import { problem, stubFetch } from '../test/fetchStub';
import dataset from '../test/fixtures/dataset.json';
import { renderDatasets } from '../test/renderDatasets';

const received = dataset as Dataset;
const listed = (overrides: Partial<Dataset>): Dataset => ({ ...received, runs: null, ...overrides });
const csv = () => new File(['"No","year","month","day","hour","PM2.5","station"\r\n1,2013,3,1,0,4,"Aotizhongxin"\r\n'], 'air.csv', { type: 'text/csv' });

describe('DatasetsPage', () => {
  it('lists datasets with their rows, bad rows, days, size and source, a page at a time', async () => {
    const { calls } = stubFetch([
      {
        path: '/api/datasets',
        reply: (url) =>
          url.searchParams.get('offset') === '0'
            ? {
                body: {
                  total: 27,
                  datasets: [
                    listed({}),
                    listed({ id: 'ds-2', name: 'remote.csv', badRows: 0, rows: 12000, firstDay: '2013-04-02', lastDay: '2013-04-02', sourceUrl: 'https://data.example.org/remote.csv', createdBy: 'bob', bytes: 3 * 1024 * 1024 }),
                  ],
                },
              }
            : { body: { total: 27, datasets: [listed({ id: 'ds-old', name: 'oldest.csv' })] } },
      },
    ]);
    const user = userEvent.setup();
    renderDatasets('/datasets', 'viewer');

    const table = await screen.findByRole('table', { name: 'Datasets' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const first = within(rows[1]!);
    expect(first.getByRole('link', { name: received.name })).toHaveAttribute('href', `/datasets/${received.id}`);
    expect(first.getByText('744')).toBeInTheDocument();
    expect(first.getByText('2')).toHaveClass('warn');
    expect(first.getByText('2013-03-01 – 2013-03-31')).toBeInTheDocument();
    expect(first.getByText('61.3 KiB')).toBeInTheDocument();
    expect(first.getByText('by olga')).toBeInTheDocument();
    expect(first.getByText('upload')).toBeInTheDocument();
    const second = within(rows[2]!);
    expect(second.getByText('2013-04-02')).toBeInTheDocument();
    expect(second.getByText('3.0 MiB')).toBeInTheDocument();
    expect(second.getByRole('link', { name: 'https://data.example.org/remote.csv' })).toHaveAttribute('href', 'https://data.example.org/remote.csv');

    // A viewer reads the list but is told why there is nothing to upload with.
    expect(screen.queryByRole('form', { name: 'Upload a dataset' })).toBeNull();
    expect(screen.getByText(/Uploading or registering a dataset needs the operator role; you are a viewer/)).toBeInTheDocument();

    expect(screen.getByText(/Page 1 of 2/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Older →' }));
    expect(await screen.findByRole('link', { name: 'oldest.csv' })).toBeInTheDocument();
    expect(screen.getByText(/Page 2 of 2/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Older →' })).toBeDisabled();
    expect(calls.map((c) => c.url.search)).toEqual(['?limit=25&offset=0', '?limit=25&offset=25']);
  });

  it('uploads a file with the fields before it and the CSRF token, then shows the new dataset', async () => {
    const { calls } = stubFetch([
      { path: '/api/datasets', reply: { body: { total: 0, datasets: [] } } },
      { method: 'POST', path: '/api/datasets', reply: { status: 201, body: received } },
      { path: `/api/datasets/${received.id}`, reply: { body: received } },
    ]);
    setCsrfToken('test-csrf');
    const user = userEvent.setup();
    renderDatasets('/datasets', 'operator');

    expect(await screen.findByText('No datasets yet')).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'Upload a dataset' });
    const upload = within(form).getByRole('button', { name: 'Upload' });
    expect(upload).toBeDisabled();
    expect(within(form).getByRole('checkbox', { name: 'Start dataset-triggered workflows' })).toBeChecked();
    await user.upload(within(form).getByLabelText('CSV file'), csv());
    await user.type(within(form).getByLabelText('Name (optional)'), 'beijing-aotizhongxin-201303.csv');
    await user.click(upload);

    expect(await screen.findByRole('heading', { name: received.name })).toBeInTheDocument();
    expect(screen.getByText(/Dataset received: 744 rows; its arrival started 1 of 2 dataset-triggered workflows/)).toHaveAttribute('role', 'status');

    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.headers.get('X-CSRF-Token')).toBe('test-csrf');
    // The server streams the file: every field it should see comes before it; an empty time zone is not sent.
    expect([...post.form!.keys()]).toEqual(['name', 'trigger', 'file']);
    expect(post.form!.get('name')).toBe('beijing-aotizhongxin-201303.csv');
    expect(post.form!.get('trigger')).toBe('true');
    expect((post.form!.get('file') as File).name).toBe('air.csv');
  });

  it('links to the dataset that already has the content when the server answers 409', async () => {
    stubFetch([
      { path: '/api/datasets', reply: { body: { total: 0, datasets: [] } } },
      {
        method: 'POST',
        path: '/api/datasets',
        reply: problem(409, 'Dataset already received', "this content was received before, as dataset 'ds-first' (air.csv, 2026-11-20 08:00:00Z)", {
          existing: '/api/datasets/ds-first',
          existingId: 'ds-first',
        }),
      },
      { path: '/api/datasets/ds-first', reply: { body: { ...received, id: 'ds-first', name: 'first-copy.csv' } } },
    ]);
    const user = userEvent.setup();
    renderDatasets('/datasets', 'operator');

    const form = await screen.findByRole('form', { name: 'Upload a dataset' });
    await user.upload(within(form).getByLabelText('CSV file'), csv());
    await user.click(within(form).getByRole('button', { name: 'Upload' }));

    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent("Uploading the dataset failed: this content was received before, as dataset 'ds-first'");
    const link = within(alert).getByRole('link', { name: 'Open the existing dataset' });
    expect(link).toHaveAttribute('href', '/datasets/ds-first');
    await user.click(link);
    expect(await screen.findByRole('heading', { name: 'first-copy.csv' })).toBeInTheDocument();
  });

  it("shows a 422 at the field it names, and other refusals in the form's banner", async () => {
    const { calls } = stubFetch([
      { path: '/api/datasets', reply: { body: { total: 0, datasets: [] } } },
      {
        method: 'POST',
        path: '/api/datasets',
        reply: (_url, init) =>
          (init?.body as FormData).get('name') === 'bad name'
            ? {
                status: 422,
                body: { title: 'Invalid', status: 422, detail: "name: 'bad name' is not a dataset name", errors: { name: ["'bad name' is not a dataset name: 1 to 200 letters, digits, '.', '_' or '-'"] } },
              }
            : problem(413, 'Dataset too large', 'a dataset may be at most 1,048,576 bytes (Datasets:MaxBytes); nothing was kept'),
      },
    ]);
    const user = userEvent.setup();
    renderDatasets('/datasets', 'operator');

    const form = await screen.findByRole('form', { name: 'Upload a dataset' });
    await user.upload(within(form).getByLabelText('CSV file'), csv());
    const name = within(form).getByLabelText('Name (optional)');
    await user.type(name, 'bad name');
    await user.click(within(form).getByRole('checkbox', { name: 'Start dataset-triggered workflows' }));
    await user.click(within(form).getByRole('button', { name: 'Upload' }));

    expect(await within(form).findByText(/'bad name' is not a dataset name: 1 to 200/)).toBeInTheDocument();
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription(expect.stringContaining("'bad name' is not a dataset name"));
    expect(within(form).queryByRole('alert')).toBeNull();
    expect(calls.find((c) => c.method === 'POST')!.form!.get('trigger')).toBe('false');

    await user.clear(name);
    await user.click(within(form).getByRole('button', { name: 'Upload' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Uploading the dataset failed: a dataset may be at most 1,048,576 bytes');
    expect(name).not.toHaveAttribute('aria-invalid');
  });

  it('registers a URL, showing a refused address at the URL field and a failed fetch as a banner', async () => {
    const { calls } = stubFetch([
      { path: '/api/datasets', reply: { body: { total: 0, datasets: [] } } },
      {
        method: 'POST',
        path: '/api/datasets/from-url',
        reply: (_url, init) =>
          String(init?.body).includes('10.0.0.5')
            ? { status: 422, body: { title: 'Invalid', status: 422, detail: 'url: 10.0.0.5 is a private address', errors: { url: ['10.0.0.5 is a private address; the server does not fetch from its own network'] } } }
            : problem(502, 'Dataset URL not fetched', 'https://data.example.org/x.csv answered 404 Not Found'),
      },
    ]);
    const user = userEvent.setup();
    renderDatasets('/datasets', 'operator');

    const form = await screen.findByRole('form', { name: 'Register a dataset by URL' });
    const url = within(form).getByLabelText('URL');
    await user.type(url, 'http://10.0.0.5/internal.csv');
    await user.click(within(form).getByRole('button', { name: 'Fetch and register' }));
    await waitFor(() => expect(url).toHaveAttribute('aria-invalid', 'true'));
    expect(url).toHaveAccessibleDescription('10.0.0.5 is a private address; the server does not fetch from its own network');
    expect(within(form).queryByRole('alert')).toBeNull();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ url: 'http://10.0.0.5/internal.csv', trigger: true });

    await user.clear(url);
    await user.type(url, 'https://data.example.org/x.csv');
    await user.type(within(form).getByLabelText('Time zone (optional)'), 'Asia/Shanghai');
    await user.click(within(form).getByRole('button', { name: 'Fetch and register' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Fetching the dataset failed: https://data.example.org/x.csv answered 404 Not Found');
    expect(calls.filter((c) => c.method === 'POST')[1]!.body).toEqual({ url: 'https://data.example.org/x.csv', timeZone: 'Asia/Shanghai', trigger: true });
  });
});
