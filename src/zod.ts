import { createRequire } from 'node:module';
import type * as Zod from 'zod';

/**
 * zod, loaded through its CommonJS build. Imported as an ES module it resolves about a hundred
 * modules (one per message locale) through the TypeScript loader: 130 ms of every run's start,
 * a fifth of a no-op run. Required, it takes half that.
 */
export const z: typeof Zod.z = (createRequire(import.meta.url)('zod') as typeof Zod).z;

/** The zod types this project names (`z.output<typeof Schema>` and so on). */
export declare namespace z {
  export type output<T> = Zod.z.output<T>;
  export type input<T> = Zod.z.input<T>;
  export type ZodType = Zod.z.ZodType;
  export type ZodRawShape = Zod.z.ZodRawShape;
  export type RefinementCtx = Zod.z.RefinementCtx;
  export namespace core {
    export type $ZodIssue = Zod.z.core.$ZodIssue;
  }
}
