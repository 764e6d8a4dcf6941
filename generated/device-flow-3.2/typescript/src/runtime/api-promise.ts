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
export interface APIPromise<T> extends Promise<T> {
  /** The parsed body and the fetch `Response` (status, headers). */
  withResponse(): Promise<WithResponse<T>>;
}

/** Where an operation's promise keeps its `Response` (not part of the public surface). */
const RESPONSE: unique symbol = Symbol('response');

type Carrier<T> = APIPromise<T> & { [RESPONSE]: Response | undefined };

function withResponse<T>(this: Carrier<T>): Promise<WithResponse<T>> {
  return this.then((data) => ({ data, response: this[RESPONSE] as Response }));
}

/** `value instanceof APIPromise`: is it an operation's promise? */
export const APIPromise: { readonly [Symbol.hasInstance]: (value: unknown) => boolean } = {
  [Symbol.hasInstance]: (value: unknown): boolean =>
    value instanceof Promise && (value as Partial<Carrier<unknown>>).withResponse === withResponse,
};

/**
 * A new operation promise, settled through `executor` like `new Promise`; the SDK stores the
 * response under `RESPONSE` before fulfilling it with the body. A native promise with two own
 * properties, not a subclass: `await` adopts a native promise in place (a subclass instance goes
 * through its `then` in extra jobs, and its construction is slower), which measurably shortens
 * every call on a real round trip.
 */
export function apiPromise<T>(
  executor: (resolve: (data: T) => void, reject: (error: unknown) => void) => void,
): APIPromise<T> {
  const promise = new Promise<T>(executor) as Carrier<T>;
  promise.withResponse = withResponse;
  promise[RESPONSE] = undefined;
  return promise;
}

/** An operation promise that settles with the outcome of `call`. */
export function apiPromiseOf<T>(call: Promise<WithResponse<T>>): APIPromise<T> {
  let resolve: (data: T) => void = ignore;
  let reject: (error: unknown) => void = ignore;
  const promise = apiPromise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  call.then((outcome) => {
    keepResponse(promise, outcome.response);
    resolve(outcome.data);
  }, reject);
  return promise;
}

/** Store the `Response` that `withResponse` gives, just before the SDK fulfils `promise`. */
export function keepResponse(promise: APIPromise<unknown>, response: Response): void {
  (promise as Carrier<unknown>)[RESPONSE] = response;
}

function ignore(): void {}
