/** A setup step the toolbar and presets can run: pure data plus a pure code generator. */
export interface Recipe<Params = Record<string, never>> {
  readonly id: string;
  /** Python source for one notebook cell. Every user value goes through src/recipes/quote.ts. */
  code(params: Params): string;
}
