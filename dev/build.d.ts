export function inlineHtml(file: string): Promise<string>;
export function build(opts?: {
  srcDir?: string;
  /** 'bigquery': the manifest adds the BigQuery scope and advanced service */
  variant?: 'default' | 'bigquery';
  outDir?: string;
}): Promise<{ entryPoints: string[]; pages: string[] }>;
export function manifestFor(variant: 'default' | 'bigquery'): Record<string, unknown>;
