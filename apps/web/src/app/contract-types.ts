/**
 * What a contract's zod schema accepts as input — the request body type, read from the schema itself
 * (the same as `z.input<typeof schema>`, without the web app depending on zod directly).
 */
export type BodyOf<S> = S extends { _zod: { input: infer I } } ? I : never;
