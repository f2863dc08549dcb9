export function inlineHtml(file: string): Promise<string>;
export function build(opts?: {
  srcDir?: string;
  outDir?: string;
}): Promise<{ entryPoints: string[]; pages: string[] }>;
