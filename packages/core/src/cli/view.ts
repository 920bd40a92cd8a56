import { EXIT_OK, EXIT_USAGE, UsageError, type Command } from './command.js';
import { describeListenError, integerOption, loadViewer, PAGE_OPTIONS, untilStopped } from './load-viewer.js';

/** `sightline view`: the web page over OTLP JSON Lines files. */
export const command: Command = {
  usage: '[--port N] [--host HOST] <file|dir…>',
  description: [
    'Opens OTLP JSON Lines files (the OTLP file format: one Export*ServiceRequest per line, as the OTLP file',
    'exporter and `sightline dev --save` write them) in the web page, on 127.0.0.1:4319. A directory is read',
    'recursively (*.jsonl, *.ndjson, *.json, optionally .gz). A line that is not a whole request, such as a',
    'torn last line after a crash, is skipped and counted. Stop with Ctrl-C.',
  ].join('\n'),
  options: PAGE_OPTIONS,
  exitCodes: ['0  stopped (Ctrl-C)', '2  usage error, unreadable file, a port in use, or @sightline/viewer not installed'],
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('no files or directories given');
    const { viewFiles } = await loadViewer();
    let viewer;
    try {
      viewer = await viewFiles(positionals, {
        host: typeof values.host === 'string' ? values.host : undefined,
        port: integerOption(values, 'port', 0),
        maxSpans: integerOption(values, 'max-spans'),
        maxLogs: integerOption(values, 'max-logs'),
      });
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      const line = describeListenError(error) ?? (code === 'ENOENT' || code === 'EACCES' ? (error as Error).message : undefined);
      if (line === undefined) throw error;
      io.stderr(`sightline view: ${line}\n`);
      return EXIT_USAGE;
    }
    const report = viewer.files!;
    const counts = viewer.store.counts();
    io.stdout(
      [
        `Read ${report.files.length} files: ${report.requests} requests, ${report.records} records` +
          `${report.skippedLines > 0 ? `, ${report.skippedLines} torn or unreadable lines skipped` : ''}` +
          `${counts.evictedTraces > 0 ? `; ${counts.evictedTraces} oldest traces evicted past the bound` : ''}`,
        `  page:  ${viewer.pageUrl}`,
        '',
      ].join('\n'),
    );
    await untilStopped(io.stopped);
    await viewer.close();
    return EXIT_OK;
  },
};
