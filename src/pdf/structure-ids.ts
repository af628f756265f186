import {PDFArray, PDFDict, type PDFDocument, PDFHexString, PDFName, type PDFObject, PDFRef, PDFString} from 'pdf-lib';

/**
 * Chromium names the structure elements of table headers after their DOM nodes
 * (`/ID (node00004233)`), and table cells point at them (`/Headers [(node00004233)]`). A DOM
 * node's number counts every node the renderer has made before it, so a page that printed
 * other documents first (a batch reuses its pages) gives the same document other names, and
 * other bytes. Renames them `id1`, `id2`, … in the order the elements are written, which is the
 * order of the structure tree, everywhere they appear: the elements, the cells' /Headers and
 * the structure tree root's /IDTree.
 */
export function renumberStructureIds(doc: PDFDocument): void {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (root === undefined) return;
  const elements: PDFDict[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && isStructureElement(object)) elements.push(object);
  }
  const renamed = new Map<string, string>();
  const rename = (id: string) => {
    let name = renamed.get(id);
    if (name === undefined) {
      name = `id${renamed.size + 1}`;
      renamed.set(id, name);
    }
    return name;
  };
  for (const element of elements) {
    const id = textOf(element.get(PDFName.of('ID')));
    if (id !== undefined) element.set(PDFName.of('ID'), PDFString.of(rename(id)));
  }
  if (renamed.size === 0) return;
  for (const element of elements) {
    const attributes = doc.context.lookup(element.get(PDFName.of('A')));
    for (const attribute of attributes instanceof PDFArray ? attributes.asArray() : [attributes]) {
      const dict = doc.context.lookup(attribute);
      const headers = dict instanceof PDFDict ? dict.lookup(PDFName.of('Headers')) : undefined;
      if (!(headers instanceof PDFArray)) continue;
      headers.asArray().forEach((header, index) => {
        const id = textOf(header);
        if (id !== undefined) headers.set(index, PDFString.of(rename(id)));
      });
    }
  }
  // The name tree is rebuilt flat, its keys in byte order as a name tree's must be (`id10`
  // before `id2`), and its old nodes are dropped: pdf-lib writes every object it holds,
  // referenced or not.
  const tree = root.get(PDFName.of('IDTree'));
  const named = new Map<string, PDFObject>();
  dropNameTree(doc, tree, named);
  const entries = [...named].map(([id, element]) => [rename(id), element] as const);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) {
    root.delete(PDFName.of('IDTree'));
    return;
  }
  const names = PDFArray.withContext(doc.context);
  for (const [id, element] of entries) {
    names.push(PDFString.of(id));
    names.push(element);
  }
  root.set(PDFName.of('IDTree'), doc.context.register(doc.context.obj({Names: names})));
}

/** /Type is optional on a structure element; /S (its role) and /P (its parent) are not. */
function isStructureElement(dict: PDFDict): boolean {
  const type = dict.get(PDFName.of('Type'));
  return (type === undefined || type === PDFName.of('StructElem')) && dict.get(PDFName.of('S')) instanceof PDFName && dict.has(PDFName.of('P'));
}

function textOf(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

/** Collects every key and value of a name tree, leaves and kids alike, and deletes its nodes. */
function dropNameTree(doc: PDFDocument, node: PDFObject | undefined, found: Map<string, PDFObject>): void {
  const dict = doc.context.lookup(node);
  if (node instanceof PDFRef) doc.context.delete(node);
  if (!(dict instanceof PDFDict)) return;
  const names = dict.lookup(PDFName.of('Names'));
  if (names instanceof PDFArray) {
    for (let index = 0; index + 1 < names.size(); index += 2) {
      const key = textOf(names.get(index));
      if (key !== undefined) found.set(key, names.get(index + 1));
    }
  }
  const kids = dict.lookup(PDFName.of('Kids'));
  if (kids instanceof PDFArray) for (const kid of kids.asArray()) dropNameTree(doc, kid, found);
}
