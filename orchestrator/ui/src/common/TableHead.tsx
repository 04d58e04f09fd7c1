/**
 * A table's header row: one column header per name, and a last column for the row's actions, named for screen
 * readers only (its buttons say what they do). A null name leaves its column out, for optional columns.
 */
export function TableHead({ columns, actions = true }: { columns: (string | null)[]; actions?: boolean }) {
  return (
    <thead>
      <tr>
        {columns.map((name) =>
          name === null ? null : (
            <th key={name} scope="col">
              {name}
            </th>
          ),
        )}
        {actions ? (
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}
