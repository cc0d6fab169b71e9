/**
 * Reads the TwiML our voice webhook answers, as Twilio would: a <Response> of verbs, each with attributes and
 * text or nested nouns. Enough XML for TwiML (elements, attributes, text, entities, comments and the XML
 * declaration); anything else is a parse error, as it would be for Twilio (error 12100).
 */
export type TwimlElement = {
  name: string;
  attributes: Record<string, string>;
  children: TwimlElement[];
  text: string;
};

export class TwimlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TwimlError';
  }
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    const known = entities[entity];
    if (known === undefined) throw new TwimlError(`unknown entity ${whole}`);
    return known;
  });
}

const tagPattern = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const attributePattern = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function readTwiml(xml: string): TwimlElement {
  const source = xml
    .replace(/^\uFEFF/, '')
    .replace(/<\?xml[^?]*\?>/, '')
    .replace(/<!--[\s\S]*?-->/g, '');
  const root: TwimlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: TwimlElement[] = [root];
  let position = 0;
  while (position < source.length) {
    const next = source.indexOf('<', position);
    const text = source.slice(position, next === -1 ? source.length : next);
    const current = stack.at(-1) as TwimlElement;
    if (text.trim()) {
      if (current === root) throw new TwimlError('text outside the document element');
      current.text += decode(text);
    }
    if (next === -1) break;
    tagPattern.lastIndex = next;
    const match = tagPattern.exec(source);
    if (!match) throw new TwimlError(`malformed tag at ${next}`);
    const [, closing, name = '', rawAttributes = '', selfClosing] = match;
    position = tagPattern.lastIndex;
    if (closing) {
      if (current.name !== name) throw new TwimlError(`</${name}> closes <${current.name}>`);
      stack.pop();
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key = '', double, single] of rawAttributes.matchAll(attributePattern)) {
      attributes[key] = decode(double ?? single ?? '');
    }
    const element: TwimlElement = { name, attributes, children: [], text: '' };
    current.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new TwimlError(`<${stack.at(-1)?.name}> is never closed`);
  const [response, ...others] = root.children;
  if (!response || others.length > 0 || response.name !== 'Response') {
    throw new TwimlError('the document must be one <Response>');
  }
  return response;
}
