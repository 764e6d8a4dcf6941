/**
 * The promise every operation returns: await it for the parsed body, or call `.withResponse()` for
 * `{ data, response }` (the fetch `Response`: status, headers). One request either way.
 */

/** The parsed body together with the fetch `Response` it came from (body already read). */
export interface WithResponse<T> {
  data: T;
  response: Response;
}

/** A `Promise` of the parsed body that can also give the raw `Response` (`.withResponse()`). */
export class APIPromise<T> extends Promise<T> {
  private parsed: Promise<T> | undefined;

  /** `raw` is the call in progress; nothing more is sent by awaiting or `withResponse`. */
  constructor(private readonly raw: Promise<WithResponse<T>>) {
    // The base promise is never used: `then` reads through `raw`, so a failed call rejects only
    // the promises the caller actually made (no unhandled rejection from an unused base).
    super((resolve) => {
      resolve(null as T);
    });
  }

  // `then`/`catch`/`finally` return plain promises.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** The parsed body and the fetch `Response` (status, headers). */
  withResponse(): Promise<WithResponse<T>> {
    return this.raw;
  }

  private data(): Promise<T> {
    return (this.parsed ??= this.raw.then((r) => r.data));
  }

  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    // `await` lands here once per call: read through `raw` directly (one promise, one hop less)
    if (typeof onfulfilled !== 'function') return this.data().then(onfulfilled, onrejected);
    return this.raw.then((r) => onfulfilled(r.data), onrejected);
  }

  override catch<R = never>(
    onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null,
  ): Promise<T | R> {
    return this.data().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.data().finally(onfinally);
  }
}
