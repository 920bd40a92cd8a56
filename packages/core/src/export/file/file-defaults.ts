/** Defaults of the OTLP file exporter, defined once: the configuration, the exporter and the docs use these. */

/** Folder of the files, relative to the working directory at start-up. */
export const DEFAULT_FILE_DIR = 'sightline-otlp';
/** Size at which a file is rotated, in MiB. */
export const DEFAULT_FILE_MAX_MIB = 64;
/** Age at which a file is rotated, in hours. */
export const DEFAULT_FILE_ROTATE_HOURS = 24;
/** Files last written longer ago are deleted, in days. */
export const DEFAULT_FILE_RETENTION_DAYS = 90;
