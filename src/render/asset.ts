/**
 * A file the rendered article needs (an image), already read into memory by the pipeline.
 * Neither the PDF renderer nor the EPUB writer reads or fetches anything else.
 */
export interface Asset {
  /** Path the rendered HTML uses for it, relative to the document: `assets/<sha256-prefix>.<ext>`. */
  href: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** Assets keyed by `href`. */
export type AssetMap = ReadonlyMap<string, Asset>;
