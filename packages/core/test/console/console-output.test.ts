import { diag, DiagLogLevel } from '@opentelemetry/api';
import type { DiagLogger } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleOutput } from '../../src/console/console-output.js';
import type { ConsoleFormat } from '../../src/types.js';
import { CollectStream, ThrowingStream } from './fixtures/collect-stream.js';

function captureDiag(): string[] {
  const messages: string[] = [];
  const push = (message: string) => messages.push(message);
  const logger: DiagLogger = { error: push, warn: push, info: push, debug: push, verbose: push };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  return messages;
}

afterEach(() => {
  diag.disable();
});

describe('ConsoleOutput', () => {
  it('falls back from an unknown format with one diag warning naming the option', () => {
    const messages = captureDiag();
    const pipe = new ConsoleOutput({ format: 'yaml' as ConsoleFormat, stream: new CollectStream() }, 'ConsoleSpanExporter');
    expect(pipe.format).toBe('json');
    const tty = new ConsoleOutput({ format: 'xml' as ConsoleFormat, stream: new CollectStream({ isTTY: true }), colors: false }, 'ConsoleSpanExporter');
    expect(tty.format).toBe('pretty');
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('ConsoleSpanExporter option "format" is "yaml"');
  });

  it('defaults to process.stdout', () => {
    expect(new ConsoleOutput({ format: 'json' }, 'x').stream).toBe(process.stdout);
  });

  it('writes nothing for empty text, and reports write failures instead of throwing', () => {
    const stream = new CollectStream();
    const output = new ConsoleOutput({ format: 'json', stream }, 'x');
    expect(output.write('').code).toBe(ExportResultCode.SUCCESS);
    expect(stream.chunks).toHaveLength(0);
    expect(output.write('a\n').code).toBe(ExportResultCode.SUCCESS);
    expect(stream.chunks).toEqual(['a\n']);
    const failing = new ConsoleOutput({ format: 'json', stream: new ThrowingStream() }, 'x').write('a\n');
    expect(failing.code).toBe(ExportResultCode.FAILED);
    expect(failing.error).toBeInstanceOf(Error);
  });
});
