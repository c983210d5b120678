import { describe, expect, it } from 'vitest';
import { DRIVE_FAILURE_IDS, explainFailure } from './drive-failures';
import { retrySteps } from './retry-steps';

describe('explainFailure', () => {
  it('reads texts that reach a cell other than through drive.mount', () => {
    expect(explainFailure('OSError', 'A Google Drive quota has been exceeded')?.id).toBe('quota');
    expect(explainFailure('OSError', 'Storage quota exceeded')?.id).toBe('quota');
    expect(explainFailure('ValueError', 'mount failed: Drive File Stream encountered a problem and has stopped')?.id).toBe('mount-failed');
    expect(explainFailure('MessageError', 'Credentials propagation unsuccessful')?.id).toBe('credential-propagation');
    expect(explainFailure('ValueError', 'Mountpoint must either be a directory or not exist')?.id).toBe('mountpoint-path');
  });

  it('leaves other errors alone', () => {
    expect(explainFailure('ModuleNotFoundError', "No module named 'torch'")).toBeUndefined();
    expect(explainFailure('LaunchpadError', 'pip install failed (exit status 1)')).toBeUndefined();
    expect(explainFailure('ValueError', 'mountain failed')).toBeUndefined();
  });

  it('has one rule per failure class', () => {
    expect(new Set(DRIVE_FAILURE_IDS).size).toBe(DRIVE_FAILURE_IDS.length);
  });
});

describe('retrySteps', () => {
  const pip = { recipe: 'pip-install', params: { packages: ['x'] } };
  it('forces the mount where force_remount is the fix, prepending one when the steps have none', () => {
    expect(retrySteps([{ recipe: 'mount-drive', params: {} }, pip], 'force')).toEqual([{ recipe: 'mount-drive', params: { force: true } }, pip]);
    expect(retrySteps([pip], 'force')).toEqual([{ recipe: 'mount-drive', params: { force: true } }, pip]);
    expect(retrySteps([{ recipe: 'mount-drive', params: {} }], 'same')).toEqual([{ recipe: 'mount-drive', params: {} }]);
  });
});
