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

/** The assets of several articles as one map. Hrefs are content hashes: one href is one image. */
export function mergeAssets(maps: ReadonlyArray<AssetMap>): AssetMap {
  return new Map<string, Asset>(maps.flatMap((map) => [...map]));
}
