import { bootstrap, type OtlpProtocol, type SightlineHandle } from '@sightline/core';
import { afterAll, beforeAll } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from '../fixtures/otlp-receiver.js';
import { RejectionWatch } from './fuzz-harness.js';

/** The SDK of a reliability test file, its loopback OTLP receiver, and the unhandled rejections seen meanwhile. */
export interface LoopbackSdk {
  readonly receiver: OtlpReceiver;
  readonly handle: SightlineHandle;
  readonly rejections: RejectionWatch;
}

/**
 * For a test file: before its tests, starts a loopback OTLP receiver and bootstraps the SDK to send it logs
 * and spans (`protocol`: the SDK's default when not given; no metrics, no diag, no exit or crash
 * handling), watching unhandled rejections; after them, shuts both down.
 */
export function useLoopbackSdk(options: { serviceName: string; protocol?: OtlpProtocol; logLevel?: string }): LoopbackSdk {
  const sdk = { rejections: new RejectionWatch() } as { receiver: OtlpReceiver; handle: SightlineHandle; rejections: RejectionWatch };
  beforeAll(async () => {
    sdk.rejections.install();
    sdk.receiver = await startOtlpReceiver();
    const endpoints = { logs: { endpoint: sdk.receiver.endpoint('logs') }, traces: { endpoint: sdk.receiver.endpoint('spans') } };
    sdk.handle = bootstrap({
      serviceName: options.serviceName,
      otlp: options.protocol === undefined ? endpoints : { protocol: options.protocol, ...endpoints },
      exporters: { metrics: [] },
      ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }),
      diagLogLevel: 'none',
      handleProcessExit: false,
      captureCrashes: false,
    });
  });
  afterAll(async () => {
    await sdk.handle.shutdown();
    await sdk.receiver.close();
    sdk.rejections.uninstall();
  });
  return sdk;
}
