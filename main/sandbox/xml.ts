// A small, strict XML reader for TwiML: elements, attributes, text, comments, CDATA, the
// predefined and numeric entities. No DTDs, no namespaces. Malformed input throws XmlError.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlError extends Error {
  override name = 'XmlError';
}

const NAME = /[A-Za-z_][\w.:-]*/y;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);|&/g, (match, entity: string | undefined) => {
    if (entity === undefined) throw new XmlError('Unescaped "&" in text');
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    const value = PREDEFINED[entity];
    if (value === undefined) throw new XmlError(`Unknown entity ${match}`);
    return value;
  });
}

/** Parses a document and returns its root element. */
export function parseXml(source: string): XmlElement {
  let pos = 0;

  const fail = (message: string): never => {
    throw new XmlError(`${message} at offset ${pos}`);
  };
  const skipWhitespace = () => {
    while (pos < source.length && /\s/.test(source[pos] ?? '')) pos++;
  };
  const readName = (): string => {
    NAME.lastIndex = pos;
    const match = NAME.exec(source);
    if (!match) return fail('Expected a name');
    pos += match[0].length;
    return match[0];
  };
  const skipUntil = (terminator: string) => {
    const end = source.indexOf(terminator, pos);
    if (end < 0) fail(`Missing "${terminator}"`);
    pos = end + terminator.length;
  };
  /** Skips the prolog, comments and processing instructions between markup. */
  const skipMisc = () => {
    for (;;) {
      skipWhitespace();
      if (source.startsWith('<?', pos)) skipUntil('?>');
      else if (source.startsWith('<!--', pos)) skipUntil('-->');
      else if (source.startsWith('<!DOCTYPE', pos)) fail('DOCTYPE is not allowed');
      else return;
    }
  };

  const readElement = (): XmlElement => {
    if (source[pos] !== '<') fail('Expected "<"');
    pos++;
    const name = readName();
    const attributes: Record<string, string> = {};
    for (;;) {
      skipWhitespace();
      if (source.startsWith('/>', pos)) {
        pos += 2;
        return { name, attributes, children: [] };
      }
      if (source[pos] === '>') {
        pos++;
        break;
      }
      const attribute = readName();
      skipWhitespace();
      if (source[pos] !== '=') fail(`Expected "=" after attribute ${attribute}`);
      pos++;
      skipWhitespace();
      const quote = source[pos];
      if (quote !== '"' && quote !== "'") return fail('Expected a quoted attribute value');
      const end = source.indexOf(quote, pos + 1);
      if (end < 0) fail('Unterminated attribute value');
      if (attribute in attributes) fail(`Duplicate attribute ${attribute}`);
      attributes[attribute] = decodeEntities(source.slice(pos + 1, end));
      pos = end + 1;
    }
    const children: XmlNode[] = [];
    for (;;) {
      if (pos >= source.length) fail(`Unclosed element <${name}>`);
      if (source.startsWith('</', pos)) {
        pos += 2;
        const closing = readName();
        if (closing !== name) fail(`Expected </${name}> but found </${closing}>`);
        skipWhitespace();
        if (source[pos] !== '>') fail('Expected ">"');
        pos++;
        return { name, attributes, children };
      }
      if (source.startsWith('<!--', pos)) skipUntil('-->');
      else if (source.startsWith('<![CDATA[', pos)) {
        const start = pos + 9;
        skipUntil(']]>');
        children.push(source.slice(start, pos - 3));
      } else if (source[pos] === '<') children.push(readElement());
      else {
        const end = source.indexOf('<', pos);
        const stop = end < 0 ? source.length : end;
        children.push(decodeEntities(source.slice(pos, stop)));
        pos = stop;
      }
    }
  };

  skipMisc();
  const root = readElement();
  skipMisc();
  if (pos < source.length) fail('Unexpected content after the root element');
  return root;
}

/** The text content of an element (children's text joined). */
export function textOf(element: XmlElement): string {
  return element.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}
