/** Options of {@link startViewer} and {@link viewFiles}. */
export interface ViewerOptions {
  /**
   * Interface both servers listen on. Default `127.0.0.1`. Any other value (e.g. `0.0.0.0`) makes them
   * require a random token, printed at start (`sightline dev --host`).
   */
  readonly host?: string;
  /** Port of the web page. Default 4319 (`--port`); 0 picks a free one. */
  readonly port?: number;
  /** Port of the OTLP/HTTP receiver. Default 4318, the OTLP exporters' default (`--otlp-port`); 0 picks a free one. */
  readonly otlpPort?: number;
  /** Spans held in memory at most; past it the oldest traces are evicted (counted). Default 10 000 (`--max-spans`). */
  readonly maxSpans?: number;
  /** Log records held in memory at most; past it the oldest traces or logs are evicted. Default 100 000 (`--max-logs`). */
  readonly maxLogs?: number;
  /** Directory where what the receiver accepts is also written as OTLP JSON Lines files. Default: none (`--save`). */
  readonly saveDir?: string;
}
