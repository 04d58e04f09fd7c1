// @vitest-environment node
// Node's own URL and file system: the stylesheet is read as a file (the tests' Vite setup, css: false, empties CSS imports).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrast';

const stylesheet = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');

/** Every state a run, step or attempt can be in: each shows as a StateBadge. */
const STATES = ['queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled', 'pending', 'up-for-retry', 'upstream-failed', 'skipped', 'timed-out', 'lost'];

/** The value of a custom property in :root, or a literal colour as it is. */
function resolve(value: string, variables: Map<string, string>): string {
  const name = /^var\((--[\w-]+)\)$/.exec(value.trim())?.[1];
  return name ? resolve(variables.get(name) ?? `undefined ${name}`, variables) : value.trim();
}

/** The declarations of the first rule whose selector is exactly `selector`. */
function declarations(selector: string): Map<string, string> {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const body = new RegExp(`(?:^|\\n)\\s*${escaped}\\s*\\{([^}]*)\\}`).exec(stylesheet)?.[1];
  if (body === undefined) throw new Error(`styles.css has no rule for ${selector}`);
  return new Map(
    body
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split(';')
      .map((d) => d.split(':').map((p) => p.trim()))
      .filter((p): p is [string, string] => p.length === 2 && p[0] !== '')
      .map(([k, v]) => [k, v]),
  );
}

describe('state badges', () => {
  const variables = declarations(':root');
  const defaultText = declarations(".badge[class*='state-']").get('color')!;

  it.each(STATES)('%s: text and background keep at least 4.5:1', (state) => {
    const rule = declarations(`.badge.state-${state}`);
    const background = resolve(rule.get('background')!, variables);
    const text = resolve(rule.get('color') ?? defaultText, variables);
    expect(contrastRatio(text, background), `${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
  });
});
