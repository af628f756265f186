export {writeEpub, type EpubBook, type EpubChapter, type EpubCover} from './write-epub.js';
export {
  EPUBCHECK_JAR,
  isEpubcheckAvailable,
  runEpubcheck,
  type EpubcheckMessage,
  type EpubcheckOptions,
  type EpubcheckReport,
  type EpubcheckSeverity,
} from './epubcheck.js';
export {makeEpub, type EpubDocument, type EpubPart} from './make-epub.js';
export {renderCover, COVER_SIZE, type CoverContext, type RenderedCover} from './cover.js';
export {woffToSfnt, WoffError} from './woff-to-sfnt.js';
