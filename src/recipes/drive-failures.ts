/**
 * Google Drive mount failures explained: a failed cell's error (`ename`, `evalue`) → which failure
 * class of /work/shared/drive-and-installs.md §B.2 it is, its likely cause and fix (message keys,
 * en + zh_CN) and whether a Retry can help (`force`: retry with `force_remount=True`, which is the
 * fix for a dead DriveFS). Matched on Colab's own exception texts (google/colab/drive.py) and on
 * the texts of the mount helper's own pre-checks (python-helpers.ts `_launchpad_mount_drive`).
 * Pure; used by the features wherever a failure's text is produced.
 */
import type { RecipeMessageKey, Translate } from './messages';

export type DriveFailureId =
  | 'credential-propagation'
  | 'initial-read-timeout'
  | 'mount-failed'
  | 'pexpect-timeout'
  | 'mountpoint-not-empty'
  | 'mountpoint-space'
  | 'mountpoint-path'
  | 'domain-policy'
  | 'unsupported'
  | 'transport-endpoint'
  | 'quota';

/** `none`: retrying as is cannot help; `same`: run it again; `force`: mount again with force_remount=True first. */
export type RetryKind = 'none' | 'same' | 'force';

export interface DriveFailure {
  readonly id: DriveFailureId;
  readonly cause: RecipeMessageKey;
  readonly fix: RecipeMessageKey;
  readonly retry: RetryKind;
}

interface Rule extends DriveFailure {
  readonly test: (ename: string, evalue: string) => boolean;
}

const has = (pattern: RegExp) => (_ename: string, evalue: string) => pattern.test(evalue);

/** First match wins: the more specific texts come before the ones they contain. */
const RULES: readonly Rule[] = [
  {
    id: 'credential-propagation',
    test: has(/credentials? propagation (?:was )?unsuccessful/i),
    cause: 'driveCredentialCause',
    fix: 'driveCredentialFix',
    retry: 'same',
  },
  {
    id: 'initial-read-timeout',
    test: has(/timeout during initial read of root folder/i),
    cause: 'driveInitialReadCause',
    fix: 'driveInitialReadFix',
    retry: 'same',
  },
  {
    id: 'mount-failed',
    test: has(/^mount failed\b|Drive File Stream encountered a problem/i),
    cause: 'driveMountFailedCause',
    fix: 'driveMountFailedFix',
    retry: 'force',
  },
  {
    id: 'pexpect-timeout',
    test: (ename, evalue) => ename === 'TIMEOUT' || /pexpect\.popen_spawn|searcher_re/.test(evalue),
    cause: 'driveTimeoutCause',
    fix: 'driveTimeoutFix',
    retry: 'same',
  },
  {
    id: 'mountpoint-not-empty',
    test: has(/Mountpoint must not already contain files|already contains files \(/),
    cause: 'driveNotEmptyCause',
    fix: 'driveNotEmptyFix',
    retry: 'same',
  },
  {
    id: 'mountpoint-space',
    test: has(/Mountpoint must not contain a space/i),
    cause: 'driveSpaceCause',
    fix: 'driveSpaceFix',
    retry: 'none',
  },
  {
    id: 'mountpoint-path',
    test: has(/Mountpoint must (?:not be a symlink|either be a directory or not exist|be in a directory that exists)/i),
    cause: 'drivePathCause',
    fix: 'drivePathFix',
    retry: 'none',
  },
  {
    id: 'domain-policy',
    test: has(/domain policy has disabled Drive File Stream/i),
    cause: 'driveDomainCause',
    fix: 'driveDomainFix',
    retry: 'none',
  },
  {
    id: 'unsupported',
    test: has(/Mounting drive is unsupported in this environment|not supported in Colab Enterprise/i),
    cause: 'driveUnsupportedCause',
    fix: 'driveUnsupportedFix',
    retry: 'none',
  },
  {
    id: 'transport-endpoint',
    test: has(/Errno 107\b|Transport endpoint is not connected/i),
    cause: 'driveTransportCause',
    fix: 'driveTransportFix',
    retry: 'force',
  },
  {
    id: 'quota',
    test: has(/quota (?:has been )?exceeded|Errno 122\b/i),
    cause: 'driveQuotaCause',
    fix: 'driveQuotaFix',
    retry: 'same',
  },
];

/** The Drive failure class of a cell's error, or undefined when it is not one. */
export function explainFailure(ename: string, evalue: string): DriveFailure | undefined {
  const rule = RULES.find((candidate) => candidate.test(ename, evalue));
  if (!rule) return undefined;
  const { id, cause, fix, retry } = rule;
  return { id, cause, fix, retry };
}

/** "Likely cause: …" and "Fix: …" (two lines) in the user's language. */
export function failureText(failure: DriveFailure, t: Translate): string {
  return t('driveExplained', [t(failure.cause), t(failure.fix)]);
}

/** Every class, for tests and documentation. */
export const DRIVE_FAILURE_IDS: readonly DriveFailureId[] = RULES.map((rule) => rule.id);

