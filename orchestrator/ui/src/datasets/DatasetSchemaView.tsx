import type { DatasetSchema } from '../api/types';
import { plural } from '../common/plural';

interface Choice {
  /** The schema property, as `detected` names it. */
  key: keyof DatasetSchema;
  label: string;
  value: string;
}

const list = (names: readonly string[]) => (names.length ? names.join(', ') : '—');

/** The schema's choices in the order a reader checks them, each with what it is and where it came from. */
export function schemaChoices(schema: DatasetSchema): Choice[] {
  const choices: Choice[] = [
    { key: 'sensorColumn', label: 'Sensor column', value: schema.sensorColumn },
    schema.timestampColumn
      ? { key: 'timestampColumn', label: 'Timestamp column', value: schema.timestampColumn }
      : { key: 'timestampParts', label: 'Timestamp from columns', value: list(schema.timestampParts) },
    { key: 'timestampFormat', label: 'Timestamp format', value: schema.timestampFormat ?? '—' },
    { key: 'timeZone', label: 'Time zone', value: schema.timeZone },
    { key: 'valueColumns', label: 'Value columns', value: list(schema.valueColumns) },
    { key: 'textColumns', label: 'Text columns', value: list(schema.textColumns) },
    { key: 'ignoredColumns', label: 'Ignored columns', value: list(schema.ignoredColumns) },
    { key: 'delimiter', label: 'Delimiter', value: schema.delimiter },
    { key: 'quote', label: 'Quote', value: schema.quote },
    { key: 'naTokens', label: 'Missing-value tokens', value: schema.naTokens.length ? schema.naTokens.map((t) => (t === '' ? '(empty)' : t)).join(', ') : '—' },
  ];
  return choices;
}

/** How the Chunker reads the file: each column's role, and whether it was detected in the data or given (or a default). */
export function DatasetSchemaView({ schema }: { schema: DatasetSchema }) {
  const detected = new Set(schema.detected);
  return (
    <section className="card" aria-labelledby="schema-title">
      <h2 id="schema-title">Detected schema</h2>
      <table className="table compact">
        <caption className="sr-only">Schema</caption>
        <thead>
          <tr>
            <th scope="col">Property</th>
            <th scope="col">Value</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {schemaChoices(schema).map((c) => (
            <tr key={c.key}>
              <th scope="row">{c.label}</th>
              <td className="mono">{c.value}</td>
              <td>{detected.has(c.key) ? <span className="badge schema-detected">detected</span> : <span className="muted small">given or default</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details>
        <summary>Header ({plural(schema.header.length, 'column')})</summary>
        <ol className="columns-list mono small">
          {schema.header.map((h, i) => (
            <li key={i}>{h}</li>
          ))}
        </ol>
      </details>
    </section>
  );
}
