/**
 * The lines Colab-safe pip installs print (python-pip-safe.ts): `LAUNCHPAD_HELD {json}` (a step
 * stopped before installing a package Colab's runtime depends on; also the last line of the
 * LaunchpadHeld error) and `LAUNCHPAD_RESTART {json}` (an install changed a package the process had
 * imported). Read from the kernel, so validated: anything else is not a line at all.
 */
import * as v from 'valibot';
import { DIST_NAME } from '../../shared/dist-name';
const Name = v.pipe(v.string(), v.regex(DIST_NAME));
const Version = v.nullable(v.pipe(v.string(), v.maxLength(100)));

const HeldSchema = v.object({
  packages: v.pipe(v.array(v.object({ name: Name, installed: Version, wanted: Version })), v.minLength(1), v.maxLength(50)),
});
const RestartSchema = v.object({
  packages: v.pipe(v.array(v.object({ name: Name, was: Version, now: Version })), v.minLength(1), v.maxLength(200)),
});

export interface HeldPackage {
  readonly name: string;
  readonly installed: string | null;
  readonly wanted: string | null;
}

function lastLine<T>(text: string, tag: string, schema: v.GenericSchema<unknown, T>): T | undefined {
  const lines = text.split('\n').filter((line) => line.startsWith(`${tag} `));
  const last = lines.at(-1);
  if (last === undefined) return undefined;
  try {
    const parsed = v.safeParse(schema, JSON.parse(last.slice(tag.length + 1)));
    return parsed.success ? parsed.output : undefined;
  } catch {
    return undefined;
  }
}

/** The held packages a failed pip step names (its error's text or its output), if it was held. */
export function parseHeld(text: string): readonly HeldPackage[] | undefined {
  return lastLine(text, 'LAUNCHPAD_HELD', HeldSchema)?.packages;
}

/** The distributions whose new versions need a restart, if the step said so. */
export function parseRestartNeeded(stdout: string): readonly string[] | undefined {
  return lastLine(stdout, 'LAUNCHPAD_RESTART', RestartSchema)?.packages.map((p) => p.name);
}

/** `import`: the default check of a pip step; the others (and imports) also a preset's own checks (python-checks.ts). */
const CheckSchema = v.object({
  kind: v.picklist(['import', 'command', 'file', 'folder', 'gpu']),
  name: v.pipe(v.string(), v.maxLength(200)),
  ok: v.boolean(),
  detail: v.optional(v.pipe(v.string(), v.maxLength(400))),
});
export type CheckResult = v.InferOutput<typeof CheckSchema>;

/** Every check a step printed (`LAUNCHPAD_CHECK {json}` lines), in order; malformed lines are not checks. */
export function parseChecks(stdout: string): readonly CheckResult[] {
  const tag = 'LAUNCHPAD_CHECK ';
  const checks: CheckResult[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith(tag)) continue;
    try {
      const parsed = v.safeParse(CheckSchema, JSON.parse(line.slice(tag.length)));
      if (parsed.success) checks.push(parsed.output);
    } catch {
      // not a check
    }
  }
  return checks;
}
