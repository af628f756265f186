export type {Article, ArticleImage, ArticleSource, InputFormat} from './article.js';
export {articleToJson, articleToText} from './article-json.js';
export type {ArticleJson, WarningJson} from './article-json.js';
export {build, clean} from './build.js';
export type {BuildOptions, BuildReport, InputReport, OutputFormat, OutputReport} from './build.js';
export {PamphletError, isPamphletError} from './errors.js';
export type {PamphletErrorCode} from './errors.js';
