import rehypeParse from 'rehype-parse';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import {unified} from 'unified';
import {describe, expect, it} from 'vitest';
import {articleSchema} from '../../src/clean/sanitize.js';

const sanitize = (html: string) => String(unified().use(rehypeParse, {fragment: true}).use(rehypeSanitize, articleSchema).use(rehypeStringify).processSync(html));

/** Issue 8's list, and the usual ways around each item. Each entry: hostile HTML, and what must not survive. */
const HOSTILE: ReadonlyArray<[string, string, RegExp]> = [
  ['script', '<p>ok</p><script>alert(1)</script>', /script|alert/i],
  ['script, uppercase and unclosed', '<p>ok</p><SCRIPT SRC=//evil.example/x.js>', /script|evil/i],
  ['noscript, template', '<noscript><img src=x></noscript><template><p>t</p></template><p>ok</p>', /noscript|template|<img/],
  ['style element', '<style>body{background:url(//evil.example)}</style><p>ok</p>', /style|evil/],
  ['style attribute', '<p style="background:url(//evil.example/x)">ok</p>', /style|evil/],
  ['event handlers', '<p onclick="alert(1)" onmouseover=alert(2)>ok</p><img src=x.png onerror=alert(3) alt=""><details ontoggle=alert(4) open><summary>s</summary></details>', /on[a-z]+=|alert/i],
  ['iframe, frame, frameset', '<iframe src="https://evil.example"></iframe><frameset><frame src="https://evil.example"></frameset><p>ok</p>', /frame|evil/],
  ['form and its controls', '<form action="https://evil.example"><input name=a><button formaction="https://evil.example">b</button><select><option>o</option></select><textarea>t</textarea></form><p>ok</p>', /form|input|button|select|textarea|evil/],
  ['object, embed, applet', '<object data="https://evil.example/x.swf"><param name=a value=b></object><embed src="https://evil.example/x.swf"><applet code=X></applet><p>ok</p>', /object|embed|applet|param|evil/],
  ['media', '<video src="https://evil.example/v.mp4" poster="https://evil.example/p.png"></video><audio src="https://evil.example/a.mp3"></audio><p>ok</p>', /video|audio|poster|evil/],
  ['javascript: link', '<a href="javascript:alert(1)">ok</a>', /href|javascript/i],
  ['javascript: link, disguised', '<a href=" JaVaScRiPt:alert(1)">a</a><a href="jav&#x09;ascript:alert(2)">b</a><a href="javascript&colon;alert(3)">c</a><a href="&#106;avascript:alert(4)">d</a>', /href|javascript|alert/i],
  ['vbscript: link', '<a href="vbscript:msgbox(1)">ok</a><a href="VBScript:msgbox(2)">ok</a>', /href|vbscript/i],
  ['data: link', '<a href="data:text/html,<script>alert(1)</script>">ok</a>', /href|data:|script/i],
  ['javascript: image and quote source', '<img src="javascript:alert(1)" alt=x><blockquote cite="javascript:alert(2)">q</blockquote>', /javascript|alert/i],
  ['SVG script and foreignObject', '<svg><script>alert(1)</script><foreignObject><iframe src="https://evil.example"></iframe></foreignObject><a xlink:href="javascript:alert(2)"><text>t</text></a></svg><p>ok</p>', /svg|script|foreignobject|iframe|xlink|alert|evil/i],
  ['SVG animation into a link', '<svg><a><animate attributeName=href values="javascript:alert(1)"/><text>t</text></a></svg><p>ok</p>', /animate|javascript/i],
  ['MathML link', '<math><mi xlink:href="javascript:alert(1)">x</mi></math><p>ok</p>', /math|javascript/i],
  ['meta refresh, base, link', '<meta http-equiv=refresh content="0;url=https://evil.example"><base href="https://evil.example/"><link rel=stylesheet href="https://evil.example/s.css"><p>ok</p>', /meta|base|link|evil/],
  ['srcset and picture sources', '<picture><source srcset="https://evil.example/a.png"><img src="a.png" srcset="https://evil.example/b.png 2x" alt="a"></picture>', /srcset|source|evil/],
  ['a direction that is not one', '<p dir="javascript:alert(1)">ok</p>', /dir=/],
  ['DOM clobbering by id and name', '<p id="__proto__" name="cookie">ok</p><a name="body" id="location">x</a>', /id=|name=/],
];

describe('the article schema removes', () => {
  it.each(HOSTILE)('%s', (_name, html, forbidden) => {
    expect(sanitize(html)).not.toMatch(forbidden);
  });
});

describe('the article schema keeps what a pamphlet needs', () => {
  it.each([
    ['headings and text', '<h2>H</h2><p><em>e</em> <strong>s</strong> <q cite="https://a.example/">q</q></p>'],
    ['web and mail links', '<p><a href="https://a.example/x" title="t">w</a> <a href="mailto:a@a.example">m</a></p>'],
    ['relative, web and data: images, for the asset stage to judge', '<figure><img src="images/a.png" alt="a" width="10" height="5"><figcaption>c</figcaption></figure><p><img src="https://a.example/b.png" alt="b"></p>'],
    ['tables', '<table><thead><tr><th scope="col" colspan="2">h</th></tr></thead><tbody><tr><td rowspan="2">d</td></tr></tbody></table>'],
    ['lists', '<ol start="3" reversed><li>a</li></ol><dl><dt>t</dt><dd>d</dd></dl>'],
    ['direction and language', '<p dir="rtl" lang="ar">نص</p><p><bdi>x</bdi></p>'],
    ['pull quotes', '<aside class="pullquote"><p>q</p></aside>'],
  ])('%s', (_name, html) => {
    expect(sanitize(html)).toBe(html);
  });
});
