/**
 * Landsat MTL files as a tree of groups, whatever their form: ODL text (`GROUP = … END_GROUP`),
 * USGS JSON (`{"LANDSAT_METADATA_FILE": {…}}`) or the Collection 2 XML. Values stay strings;
 * `mtl.ts` interprets them.
 *
 * Duplicate keys: within one group the last occurrence wins. Groups never merge, so a key that
 * Collection 2 repeats in several groups (LANDSAT_PRODUCT_ID, PROCESSING_LEVEL, UTM_ZONE…) keeps
 * each group's value; `findMtlValue` returns the first group's in file order unless a group is
 * named.
 */
import { MetadataError } from '../errors.js';

/** One GROUP of an MTL: its KEY = value pairs and its subgroups, in file order. */
export interface MtlGroup {
  name: string;
  values: Map<string, string>;
  groups: MtlGroup[];
}

/** The form an MTL was written in. */
export type MtlFormat = 'text' | 'json' | 'xml';

/** A parsed MTL: a nameless root group whose single subgroup is the metadata file group. */
export interface MtlDocument {
  format: MtlFormat;
  root: MtlGroup;
}

function newGroup(name: string): MtlGroup {
  return { name, values: new Map(), groups: [] };
}

/** Removes NUL padding (pre-collection MTLs are padded to 65535 bytes) and a byte-order mark. */
function cleanText(text: string): string {
  return text.replace(/\0/g, '').replace(/^\uFEFF/, '');
}

/**
 * Parses an MTL in any of its forms, detected from its content (`{` JSON, `<` XML, else ODL
 * text). Throws MetadataError naming the file, line and problem on malformed input.
 */
export function parseMtlDocument(text: string, fileName = 'MTL'): MtlDocument {
  const cleaned = cleanText(text).trim();
  if (cleaned.length === 0)
    throw new MetadataError(`${fileName}: the metadata file is empty`, { fileName });

  if (cleaned.startsWith('{')) return { format: 'json', root: parseJsonMtl(cleaned, fileName) };
  if (cleaned.startsWith('<')) return { format: 'xml', root: parseXmlMtl(cleaned, fileName) };
  return { format: 'text', root: parseTextMtl(cleaned, fileName) };
}

/** `KEY = value`, the value quoted or bare. */
const ASSIGNMENT = /^([A-Za-z][\w.]*)\s*=\s*(.*)$/;

function unquote(raw: string): string {
  const quoted = /^"([^"]*)"/.exec(raw);
  return quoted?.[1] ?? raw.trim();
}

function parseTextMtl(text: string, fileName: string): MtlGroup {
  const root = newGroup('');
  const stack: MtlGroup[] = [root];
  const lines = text.split(/\r\n|\n|\r/);

  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    if (line === '') continue;
    if (line === 'END') break;

    const lineNo = index + 1;
    const match = ASSIGNMENT.exec(line);
    if (match === null) {
      throw new MetadataError(
        `${fileName} line ${lineNo}: expected KEY = value, found "${line.slice(0, 60)}"`,
        {
          fileName,
          line: lineNo,
        },
      );
    }
    const key = match[1] ?? '';
    const value = unquote(match[2] ?? '');
    const current = stack[stack.length - 1] ?? root;

    if (key === 'GROUP') {
      const group = newGroup(value);
      current.groups.push(group);
      stack.push(group);
    } else if (key === 'END_GROUP') {
      if (stack.length === 1 || current.name !== value) {
        throw new MetadataError(
          `${fileName} line ${lineNo}: END_GROUP = ${value} does not close the open group "${current.name}"`,
          { fileName, line: lineNo, found: value, open: current.name },
        );
      }
      stack.pop();
    } else {
      current.values.set(key, value);
    }
  }

  const open = stack[stack.length - 1];
  if (stack.length > 1 && open !== undefined) {
    throw new MetadataError(`${fileName}: the file ends inside GROUP = ${open.name} (truncated?)`, {
      fileName,
      open: open.name,
    });
  }
  return root;
}

function jsonToGroup(name: string, object: Record<string, unknown>): MtlGroup {
  const group = newGroup(name);
  for (const [key, value] of Object.entries(object)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      group.values.set(key, String(value));
    } else if (Array.isArray(value)) {
      group.values.set(
        key,
        value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(','),
      );
    } else if (typeof value === 'object' && value !== null) {
      group.groups.push(jsonToGroup(key, value as Record<string, unknown>));
    }
  }
  return group;
}

function parseJsonMtl(text: string, fileName: string): MtlGroup {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MetadataError(`${fileName}: invalid JSON (${reason})`, { fileName });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new MetadataError(`${fileName}: the JSON metadata is not an object`, { fileName });
  }
  return jsonToGroup('', parsed as Record<string, unknown>);
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlText(text: string): string {
  return text.replace(
    /&(amp|lt|gt|quot|apos);/g,
    (_, entity: string) => XML_ENTITIES[entity] ?? '',
  );
}

/** An XML element being read: its text and its child elements so far. */
interface OpenElement {
  group: MtlGroup;
  text: string;
  hasChildren: boolean;
}

/**
 * The XML subset of USGS MTLs: nested elements, leaf elements holding text, no attributes of
 * interest. A leaf becomes a value of its parent; an element with children becomes a group.
 */
function parseXmlMtl(text: string, fileName: string): MtlGroup {
  const root: OpenElement = { group: newGroup(''), text: '', hasChildren: false };
  const stack: OpenElement[] = [root];
  const token = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>|([^<]+)/g;

  for (let match = token.exec(text); match !== null; match = token.exec(text)) {
    const [, closing, tag, selfClosing, chars] = match;
    const current = stack[stack.length - 1] ?? root;
    if (chars !== undefined) {
      current.text += chars;
    } else if (tag !== undefined && closing === '/') {
      if (stack.length === 1 || current.group.name !== tag) {
        throw new MetadataError(
          `${fileName}: XML </${tag}> does not close <${current.group.name}>`,
          {
            fileName,
            found: tag,
          },
        );
      }
      stack.pop();
      closeXmlElement(current, stack[stack.length - 1] ?? root);
    } else if (tag !== undefined) {
      current.hasChildren = true;
      const element: OpenElement = { group: newGroup(tag), text: '', hasChildren: false };
      if (selfClosing === '/') closeXmlElement(element, current);
      else stack.push(element);
    }
  }

  if (stack.length > 1) {
    const open = stack[stack.length - 1]?.group.name ?? '';
    throw new MetadataError(`${fileName}: the XML ends inside <${open}> (truncated?)`, {
      fileName,
      open,
    });
  }
  return root.group;
}

function closeXmlElement(element: OpenElement, parent: OpenElement): void {
  if (element.hasChildren) parent.group.groups.push(element.group);
  else parent.group.values.set(element.group.name, decodeXmlText(element.text.trim()));
}

/** Every group of the tree in file order (depth first), the root excluded. */
export function allMtlGroups(root: MtlGroup): MtlGroup[] {
  const out: MtlGroup[] = [];
  const visit = (group: MtlGroup): void => {
    for (const child of group.groups) {
      out.push(child);
      visit(child);
    }
  };
  visit(root);
  return out;
}

/**
 * The value of `key`: from the group named `groupName` when given (the first such group), else
 * from the first group in file order that has the key. Null when absent or an empty string.
 */
export function findMtlValue(root: MtlGroup, key: string, groupName?: string): string | null {
  const groups = [root, ...allMtlGroups(root)];
  for (const group of groups) {
    if (groupName !== undefined && group.name !== groupName) continue;
    const value = group.values.get(key);
    if (value !== undefined && value !== '') return value;
  }
  return null;
}

/**
 * Every value keyed `GROUP.KEY` by its innermost group (`PRODUCT_CONTENTS.LANDSAT_PRODUCT_ID`,
 * `LEVEL1_PROCESSING_RECORD.LANDSAT_PRODUCT_ID`), in file order, so keys Collection 2 repeats
 * across groups never collide (reported fault B18). Keys of the nameless root stay bare; a group
 * name that itself repeats keeps its first group's values.
 */
export function qualifiedMtlValues(root: MtlGroup): Map<string, string> {
  const out = new Map<string, string>();
  for (const group of [root, ...allMtlGroups(root)]) {
    for (const [key, value] of group.values) {
      const qualified = group.name === '' ? key : `${group.name}.${key}`;
      if (!out.has(qualified)) out.set(qualified, value);
    }
  }
  return out;
}
