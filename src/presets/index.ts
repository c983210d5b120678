/**
 * Presets: pure core (schema, migrations, file format, sync planning, setup cell), no DOM. Only
 * storage.ts touches chrome.storage (import it directly; it is not re-exported here, so the pure
 * modules stay usable in unit tests). See README.md.
 */
export {
  PRESET_LIMITS,
  SCHEMA_VERSION,
  checksSchema,
  defaultKeepInstalls,
  isLive,
  issuesToProblems,
  notebookKeyProblem,
  parsePreset,
  parseStore,
  presetNameProblem,
  toolbarPresets,
  type Preset,
  type PresetStep,
  type PresetStore,
  type QuarantinedPreset,
  type StepParams,
} from './schema';
export { EMPTY_STORE, MIGRATIONS, readStore, storedVersion, type Migration, type MigrationContext, type ReadResult } from './migrations';
export {
  FILE_FORMAT,
  FILE_LIMITS,
  FILE_VERSION,
  FORBIDDEN_KEYS,
  exportPresets,
  mergeImport,
  parseImportFile,
  uniqueName,
  type ImportResult,
  type ImportedPreset,
} from './file-format';
export {
  SYNC_KEY_PREFIX,
  SYNC_QUOTAS,
  chromeJsonBytes,
  mergeByTimestamp,
  planSync,
  presetsFromSyncItems,
  syncItemBytes,
  syncKey,
  type LocalOnlyReason,
  type SyncPlan,
  type SyncQuotas,
} from './sync';
export { setupCell, setupCellProblem } from './setup-cell';
export { githubKeyProblem, isNotebookKey, MAX_NOTEBOOK_KEY_LENGTH, type NotebookKey } from './notebook-keys';
export { GITHUB_LIMITS, canonicalGithubKey, isGitBranch, isGithubOwner, isGithubRepo, parseGithubKey, type GithubKey, type GithubKeyProblem } from './github-keys';
export { BINDING_LEVEL, bindPreset, bindingLevel, hasBinding, presetLevel, presetsForNotebook, repositoryBinding, sameBinding, type BindResult, type BindingLevel } from './bindings';
export { formatProblem, type Parsed, type PresetMessageKey, type Problem, type ProblemMessageKey, type ProblemTranslate } from './problems';
export { failedStatus, hasWrites, localUnreadableStatus, parseSyncStatus, syncStep, type SyncLocalOnly, type SyncLocalOnlyReason, type SyncState, type SyncStatus, type SyncStep, type SyncStepInput } from './sync-step';
