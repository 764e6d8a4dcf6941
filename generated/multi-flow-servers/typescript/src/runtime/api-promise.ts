/**
 * The promise every operation returns: await it for the parsed body, or call `.withResponse()` for
 * `{ data, response }` (the fetch `Response`: status, headers). One request either way.
 */

/** The parsed body together with the fetch `Response` it came from (body already read). */
export interface WithResponse<T> {
  data: T;
  response: Response;
}

/** Where an `APIPromise` keeps its `Response` (not part of the public surface). */
export const RESPONSE: unique symbol = Symbol('response');

/**
 * A `Promise` of the parsed body that can also give the raw `Response` (`.withResponse()`). The SDK
 * fulfils it with the body, after storing the response under `RESPONSE`.
 */
export class APIPromise<T> extends Promise<T> {
  [RESPONSE]: Response | undefined = undefined;

  /** An `APIPromise` that settles with the outcome of `call`. */
  static from<T>(call: Promise<WithResponse<T>>): APIPromise<T> {
    let resolve: (data: T) => void = ignore;
    let reject: (error: unknown) => void = ignore;
    const promise = new APIPromise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    call.then((outcome) => {
      promise[RESPONSE] = outcome.response;
      resolve(outcome.data);
    }, reject);
    return promise;
  }

  /** The parsed body and the fetch `Response` (status, headers). */
  withResponse(): Promise<WithResponse<T>> {
    return this.then((data) => ({ data, response: this[RESPONSE] as Response }));
  }
}

function ignore(): void {}

// `await p` takes a native promise as it is only when `p.constructor` is `Promise` (ECMAScript
// PromiseResolve); a subclass's instance is adopted through its `then` instead, two more jobs on
// every call. So instances name `Promise` as their constructor: `await` takes the direct path, and
// `then`/`catch`/`finally` make plain promises (`instanceof APIPromise` still holds).
Object.defineProperty(APIPromise.prototype, 'constructor', {
  value: Promise,
  writable: true,
  configurable: true,
});
