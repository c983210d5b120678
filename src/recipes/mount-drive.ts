import type { Recipe } from './recipe';

export interface MountDriveParams {
  /** Remount even when Drive is already mounted (drive.mount's force_remount). */
  readonly force?: boolean;
}

export const DRIVE_MOUNT_POINT = '/content/drive';

/** Mounts Google Drive at /content/drive; drive.mount itself reports "already mounted" on a re-run. */
export const mountDrive: Recipe<MountDriveParams> = {
  id: 'mount-drive',
  code: ({ force = false }) =>
    [
      'from google.colab import drive',
      force
        ? `drive.mount('${DRIVE_MOUNT_POINT}', force_remount=True)`
        : `drive.mount('${DRIVE_MOUNT_POINT}')`,
    ].join('\n'),
};
