import { resolve } from 'node:path';
import { DEFAULT_FILE_DIR, DEFAULT_FILE_MAX_MIB, DEFAULT_FILE_ROTATE_HOURS } from '../export/file/file-defaults.js';
import type { OtlpFileSettings } from '../export/file/otlp-file-exporters.js';
import { fromOption, optionAt, pick, pickVar, type ConfigSources } from './candidates.js';
import { integerParser, numberParser } from './value-parsers.js';

const HOUR_MILLIS = 60 * 60 * 1000;

/**
 * Where the `file` exporters write and how their files turn over: `options.fileExport` over
 * `SIGHTLINE_FILE_DIR` and `SIGHTLINE_FILE_RETENTION_DAYS`; the rotation size and age are options only.
 * Read whether or not a signal uses the `file` exporter (a problem line names a bad value either way).
 */
export function resolveFileExport(sources: ConfigSources, problems: string[]): OtlpFileSettings {
  return {
    dir: pickVar('SIGHTLINE_FILE_DIR', sources, problems) ?? resolve(DEFAULT_FILE_DIR),
    maxFileBytes: option(sources, 'fileExport.maxFileMiB', integerParser(1, 1_048_576), DEFAULT_FILE_MAX_MIB, problems) * 1024 * 1024,
    rotateMillis: option(sources, 'fileExport.rotateHours', numberParser(0.001, 8_760), DEFAULT_FILE_ROTATE_HOURS, problems) * HOUR_MILLIS,
    retentionMillis: pickVar('SIGHTLINE_FILE_RETENTION_DAYS', sources, problems) * 24 * HOUR_MILLIS,
  };
}

function option(sources: ConfigSources, path: string, parser: Parameters<typeof fromOption<number>>[2], fallback: number, problems: string[]): number {
  return pick([fromOption(path, optionAt(sources.options, path), parser)], fallback, problems);
}
