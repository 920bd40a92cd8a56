/** Where a batch is in its life. */
export type BatchState = 'filling' | 'queued' | 'in_flight' | 'settled';

/**
 * Records that travel together: filled in a pre-sized array, exported as one request, kept (with their
 * estimated bytes) until the receiver has them, retried as a unit.
 */
export class Batch<T> {
  items: T[];
  length = 0;
  /** Estimated heap of the records, as charged against the queue's memory bound. */
  bytes = 0;
  state: BatchState = 'filling';
  /** When its first export started (0: never), for the retry time limit. */
  firstAttemptAt = 0;
  /** Non-zero while a running `flush()` still owes it an attempt (the newest such flush's number). */
  flushGeneration = 0;
  /** Given up (shutdown deadline, exit): a late outcome of its export is ignored. */
  abandoned = false;

  constructor(
    capacity: number,
    /** Holds ERROR+ records, exceptions and security events (exported first, own reserve). */
    readonly priority: boolean,
  ) {
    this.items = new Array<T>(capacity);
  }

  /** Trims the unused slots of the pre-sized array; the batch takes no more records. */
  seal(): void {
    if (this.items.length !== this.length) this.items.length = this.length;
    this.state = 'queued';
  }
}

/**
 * One FIFO of batches (priority or routine): sealed batches in order, then the one being filled.
 * A batch that failed to send goes back to the head, so the oldest records are retried first.
 */
export class Lane<T> {
  private _queue: (Batch<T> | undefined)[] = [];
  private _head = 0;
  /** The batch records are added to; undefined until the first record after a seal. */
  filling: Batch<T> | undefined;

  constructor(
    private readonly _batchSize: number,
    readonly priority: boolean,
  ) {}

  /** Adds one record; returns true when this filled the batch (it is then sealed and queued). */
  add(item: T, bytes: number): boolean {
    let batch = this.filling;
    if (batch === undefined) batch = this.filling = new Batch<T>(this._batchSize, this.priority);
    batch.items[batch.length++] = item;
    batch.bytes += bytes;
    if (batch.length < this._batchSize) return false;
    this.filling = undefined;
    batch.seal();
    this._queue.push(batch);
    return true;
  }

  /** Seals the batch being filled, if it holds anything, so it can be taken. */
  sealFilling(): void {
    const batch = this.filling;
    if (batch === undefined || batch.length === 0) return;
    this.filling = undefined;
    batch.seal();
    this._queue.push(batch);
  }

  /** Whether a sealed batch waits. */
  get hasQueued(): boolean {
    return this._head < this._queue.length;
  }

  /** Whether the batch being filled holds records. */
  get hasPartial(): boolean {
    return this.filling !== undefined && this.filling.length > 0;
  }

  /** The oldest sealed batch, removed. */
  shift(): Batch<T> | undefined {
    if (this._head >= this._queue.length) return undefined;
    const batch = this._queue[this._head];
    this._queue[this._head++] = undefined;
    if (this._head === this._queue.length) {
      this._queue.length = 0;
      this._head = 0;
    } else if (this._head >= 1024 && this._head * 2 >= this._queue.length) {
      this._queue.splice(0, this._head);
      this._head = 0;
    }
    return batch;
  }

  /** The oldest sealed batch that `matches`, removed (a scan: for the rare paused flush). */
  takeFirst(matches: (batch: Batch<T>) => boolean): Batch<T> | undefined {
    for (let i = this._head; i < this._queue.length; i++) {
      const batch = this._queue[i] as Batch<T>;
      if (!matches(batch)) continue;
      if (i === this._head) return this.shift();
      this._queue.splice(i, 1);
      return batch;
    }
    return undefined;
  }

  /** Puts a batch back at the head (a failed send), ahead of every other. */
  unshift(batch: Batch<T>): void {
    batch.state = 'queued';
    if (this._head > 0) this._queue[--this._head] = batch;
    else this._queue.unshift(batch);
  }

  /** Every batch held (sealed, then the one being filled), leaving the lane empty. */
  drain(): Batch<T>[] {
    const out: Batch<T>[] = [];
    for (let i = this._head; i < this._queue.length; i++) out.push(this._queue[i] as Batch<T>);
    this._queue = [];
    this._head = 0;
    if (this.hasPartial) {
      const batch = this.filling as Batch<T>;
      batch.seal();
      out.push(batch);
    }
    this.filling = undefined;
    return out;
  }

  /** Sealed batches now waiting, oldest first (a copy). */
  queued(): Batch<T>[] {
    return this._queue.slice(this._head) as Batch<T>[];
  }
}
