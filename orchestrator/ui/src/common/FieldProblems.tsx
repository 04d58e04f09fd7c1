interface Props {
  id: string;
  messages: readonly string[];
}

/** A field's problems, right under it; the field points here with aria-describedby. */
export function FieldProblems({ id, messages }: Props) {
  if (messages.length === 0) return null;
  return (
    <ul className="field-problems" id={id}>
      {messages.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}
