import { isObject, str, type JsonObject } from './values';

// Work a step left undone on purpose, so the page can warn instead of the run looking complete. Steps report it in
// their metrics in one of three ways, which is what this recognises (for any step, not only today's):
// - metrics.skipped = true with metrics.reason: the step did none of its work (ClusterTrain --only-new-family);
// - metrics.skipped = a non-empty list: the things it skipped (the Chunker's inputs already processed);
// - metrics.<part> = {written: false | skipped: true, reason, ...}: one part not done (ClusterPredict's database
//   write without a connection string: metrics.database = {written: false, table, reason}).

export interface SkippedWork {
  /** The metrics field that reported it. */
  key: string;
  /** What was skipped, in words: "Database write", "the step's work", "2 items". */
  what: string;
  reason?: string;
  /** The things skipped, for a list. */
  items?: string[];
  /** Where the work would have gone, such as a table. */
  target?: string;
}

export interface SkippedWorkReport {
  skipped: SkippedWork[];
  /** Metrics keys fully shown by the warnings. */
  consumed: string[];
  /** Metrics keys partly shown, with what is left of them for the JSON view. */
  leftovers: Record<string, JsonObject>;
}

/** Fields of a part's report the warning shows; any other field of a skipped part that says something stays. */
const SHOWN_PART_FIELDS = ['written', 'skipped', 'reason', 'table'];

export function readSkippedWork(metrics: JsonObject): SkippedWorkReport {
  const report: SkippedWorkReport = { skipped: [], consumed: [], leftovers: {} };
  const whole = metrics.skipped;
  if (whole === true) {
    report.skipped.push({ key: 'skipped', what: "the step's work", reason: str(metrics.reason) });
    report.consumed.push('skipped', ...(str(metrics.reason) ? ['reason'] : []));
  } else if (Array.isArray(whole) && whole.length > 0 && whole.every((x) => typeof x === 'string')) {
    report.skipped.push({ key: 'skipped', what: `${whole.length} ${whole.length === 1 ? 'item' : 'items'}`, items: whole as string[] });
    report.consumed.push('skipped');
  }
  for (const [key, part] of Object.entries(metrics)) {
    if (!isObject(part) || !(part.written === false || part.skipped === true)) continue;
    report.skipped.push({ key, what: part.written === false ? `${capitalise(key)} write` : capitalise(key), reason: str(part.reason), target: str(part.table) ? `table ${str(part.table)}` : undefined });
    // Counts of a part not done are zeros and nulls: nothing to keep. Anything else it says stays visible.
    const rest = Object.fromEntries(Object.entries(part).filter(([k, v]) => !SHOWN_PART_FIELDS.includes(k) && v !== null && v !== 0 && v !== ''));
    if (Object.keys(rest).length > 0) report.leftovers[key] = rest;
    else report.consumed.push(key);
  }
  return report;
}

function capitalise(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
