import * as v from 'valibot';
import { defineRecipe } from './recipe';

export interface MountDriveParams {
  /** Remount even when Drive is already mounted (drive.mount's force_remount). */
  readonly force?: boolean;
}

export const DRIVE_MOUNT_POINT = '/content/drive';

/**
 * Mounts Google Drive at /content/drive: exactly Colab's own snippet. drive.mount itself prints
 * "Drive already mounted at /content/drive; …" on a re-run and raises (failing the cell) when
 * the user does not grant access.
 */
export const mountDrive = defineRecipe({
  id: 'mount-drive',
  title: 'recipeMountDrive',
  description: 'recipeMountDriveDesc',
  schema: v.strictObject({ force: v.optional(v.boolean()) }),
  labels: { force: 'paramForce' },
  generate: ({ force = false }) => ({
    helpers: [],
    body: [
      'from google.colab import drive',
      force ? `drive.mount('${DRIVE_MOUNT_POINT}', force_remount=True)` : `drive.mount('${DRIVE_MOUNT_POINT}')`,
    ].join('\n'),
  }),
});
