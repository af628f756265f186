export {writeEpub, type EpubBook, type EpubChapter} from './write-epub.js';
export {
  EPUBCHECK_JAR,
  isEpubcheckAvailable,
  runEpubcheck,
  type EpubcheckMessage,
  type EpubcheckOptions,
  type EpubcheckReport,
  type EpubcheckSeverity,
} from './epubcheck.js';
