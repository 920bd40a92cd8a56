import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../src/bootstrap.js';
import { getLogger } from '../src/logger/logger.js';
import type { SightlineHandle } from '../src/types.js';

let handle: SightlineHandle;

beforeAll(() => {
  handle = bootstrap({ exporters: { logs: [], traces: [], metrics: [] }, handleProcessExit: false });
});
afterAll(() => handle.shutdown());

describe('what bootstrap() adds by default', () => {
  it('counts every emitted record in the in-process snapshot, by level and category', async () => {
    for (let i = 0; i < 7; i++) getLogger('app.orders').info('placed');
    getLogger('app.payments').error('declined');
    getLogger('app.payments').warn('slow');
    const snapshot = await handle.getMetrics();
    expect(snapshot.logs.total).toBe(9);
    expect(snapshot.logs.byCategory).toEqual({ 'app.orders': 7, 'app.payments': 2 });
    expect(snapshot.logs.byLevel).toMatchObject({ info: 7, warn: 1, error: 1 });
    expect(snapshot.errorRate.errors).toBe(1);
  });

  it('resetMetrics() starts a new window', async () => {
    await handle.resetMetrics();
    getLogger('app.orders').info('again');
    const snapshot = await handle.getMetrics();
    expect(snapshot.logs.total).toBe(1);
  });
});
