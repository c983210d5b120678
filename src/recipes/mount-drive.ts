import * as v from 'valibot';
import { pyBool, pyStr } from './quote';
import { defineRecipe } from './recipe';

export interface MountDriveParams {
  /** Remount even when Drive is already mounted (drive.mount's force_remount). */
  readonly force?: boolean;
}

export const DRIVE_MOUNT_POINT = '/content/drive';
/** Launchpad's own folder on Drive (kept installs): the only place on Drive it writes or deletes. */
export const LAUNCHPAD_DRIVE_FOLDER = `${DRIVE_MOUNT_POINT}/MyDrive/.colab-launchpad`;

/**
 * Mounts Google Drive at /content/drive with Colab's own drive.mount, after the checks it can make
 * first (python-helpers.ts `_launchpad_mount_drive`: files already in /content/drive are named and
 * left alone; a dead DriveFS is remounted with force_remount=True). drive.mount itself prints
 * "Drive already mounted at /content/drive; …" on a re-run and raises (failing the cell) when
 * the mount fails; src/recipes/drive-failures.ts explains its errors.
 */
export const mountDrive = defineRecipe({
  id: 'mount-drive',
  title: 'recipeMountDrive',
  description: 'recipeMountDriveDesc',
  schema: v.strictObject({ force: v.optional(v.boolean()) }),
  labels: { force: 'paramForce' },
  generate: ({ force = false }) => ({
    helpers: ['mountDrive'],
    body: `_launchpad_mount_drive(${pyStr(DRIVE_MOUNT_POINT)}, ${pyBool(force)})`,
  }),
});
