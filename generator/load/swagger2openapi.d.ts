/** Minimal typings for the parts of `swagger2openapi` (CommonJS, untyped) that the load stage uses. */
declare module 'swagger2openapi' {
  interface ConvertOptions {
    patch?: boolean;
    warnOnly?: boolean;
    resolve?: boolean;
    [key: string]: unknown;
  }
  interface ConvertResult extends ConvertOptions {
    openapi: Record<string, unknown>;
  }
  const s2o: {
    convertObj(swagger: object, options: ConvertOptions): Promise<ConvertResult>;
  };
  export default s2o;
}
