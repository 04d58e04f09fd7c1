import type { DatasetFields } from '../api/datasets';
import { TextField } from '../common/TextField';
import { FieldProblems } from '../common/FieldProblems';

interface Props {
  /** Tells the two forms' fields apart for assistive technology ("Upload", "URL"). */
  idPrefix: string;
  fields: DatasetFields;
  onChange: (fields: DatasetFields) => void;
  problems: (field: string) => string[];
  /** Where the name comes from when none is given ("the file's name"). */
  nameFrom: string;
}

/** Name, time zone and whether to start dataset-triggered workflows: the same for an upload and a URL. */
export function DatasetFieldsInputs({ idPrefix, fields, onChange, problems, nameFrom }: Props) {
  const triggerProblems = problems('trigger');
  return (
    <>
      <TextField
        label="Name (optional)"
        value={fields.name ?? ''}
        onChange={(name) => onChange({ ...fields, name })}
        problems={problems('name')}
        hint={`Empty: ${nameFrom}. Letters, digits, '.', '_' and '-'; dataset triggers match it.`}
        autoComplete="off"
      />
      <TextField
        label="Time zone (optional)"
        value={fields.timeZone ?? ''}
        placeholder="UTC"
        onChange={(timeZone) => onChange({ ...fields, timeZone })}
        problems={problems('timeZone')}
        hint="The IANA zone its timestamps are in, such as Asia/Shanghai; UTC when empty."
      />
      <label className="check">
        <input
          type="checkbox"
          checked={fields.trigger}
          aria-describedby={triggerProblems.length ? `${idPrefix}-trigger-problems` : undefined}
          onChange={(e) => onChange({ ...fields, trigger: e.target.checked })}
        />
        Start dataset-triggered workflows
      </label>
      <FieldProblems id={`${idPrefix}-trigger-problems`} messages={triggerProblems} />
    </>
  );
}
