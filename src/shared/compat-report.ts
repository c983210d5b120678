/**
 * "Check compatibility": the popup injects the self-test into a Colab tab (src/content/self-test.ts,
 * running src/colab/self-test.ts), which runs every probe Launchpad relies on, and shows the report. The report names what
 * was looked for, never what the page holds: no notebook content, no title, no ids, no account.
 */
import * as v from 'valibot';
import { PAGE_FEATURES } from './compat-features';

export const COMPAT_REPORT_VERSION = 1;

const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));

/** The features page-API probes serve, and Launchpad's own connections (`bridge`). */
export const CompatFeatureSchema = v.picklist([...PAGE_FEATURES, 'bridge']);

export const CompatProbeSchema = v.strictObject({
  /** What was looked for: a selector, a page-API member, or a round trip. */
  what: Text(160),
  feature: CompatFeatureSchema,
  /** `skipped`: not checkable in the page's current state (no dialog open, not connected…). */
  result: v.picklist(['ok', 'missing', 'skipped']),
  /** A short measured or explanatory note ("2 ms", "not connected now"); never page content. */
  detail: v.optional(Text(200)),
});
export type CompatProbe = v.InferOutput<typeof CompatProbeSchema>;

export const CompatReportSchema = v.strictObject({
  v: v.literal(COMPAT_REPORT_VERSION),
  host: Text(100),
  /** `<html lang>` as Colab declares it. */
  uiLanguage: Text(40),
  /** What the URL says the page is; the notebook's source kind only (drive, github…), never its id. */
  page: v.picklist(['notebook', 'not-notebook']),
  source: v.nullable(Text(20)),
  probes: v.pipe(v.array(CompatProbeSchema), v.maxLength(200)),
});
export type CompatReport = v.InferOutput<typeof CompatReportSchema>;
