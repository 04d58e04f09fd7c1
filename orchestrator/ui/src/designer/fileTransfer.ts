import { definitionJson, type WorkflowDef } from './definition';

/** Downloads the definition as `<id>.json`, the same file the server reads from its workflows folder. */
export function downloadDefinition(definition: WorkflowDef): void {
  const blob = new Blob([definitionJson(definition)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${definition.id || 'workflow'}.json`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked a moment later: some browsers start the download after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function readFileText(file: File): Promise<string> {
  return file.text();
}
