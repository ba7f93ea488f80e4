// tel: (RFC 3966) and callto: links → the number to offer for dialing. Pure.

const LINK_SCHEMES = ['tel:', 'callto:'] as const;
/** RFC 3966 visual separators, plus spaces some pages put in links. */
const VISUAL_SEPARATORS = /[-.() ]/g;
/** E.164 allows at most 15 digits; anything shorter than 3 is not a phone number. */
const NUMBER = /^\+?[0-9]{3,15}$/;
const GLOBAL_PREFIX = /^\+[0-9]{1,14}$/;

/** The link's scheme, or null when it is neither tel: nor callto:. */
function schemeOf(link: string): (typeof LINK_SCHEMES)[number] | null {
  const lower = link.trim().toLowerCase();
  return LINK_SCHEMES.find((scheme) => lower.startsWith(scheme)) ?? null;
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function compact(number: string): string | null {
  const stripped = number.replace(VISUAL_SEPARATORS, '');
  return NUMBER.test(stripped) ? stripped : null;
}

/**
 * The dialable number in a tel:/callto: link (`+14155550100`, or a local number when the link
 * gives no country), or null when the link is anything else.
 * `tel:4155550100;phone-context=+1` becomes `+14155550100`; other parameters (ext, isub) are dropped.
 */
export function parseTelLink(link: string): string | null {
  const scheme = schemeOf(link);
  if (scheme === null) return null;
  const body = decode(link.trim().slice(scheme.length).replace(/^\/\//, ''));
  if (body === null) return null;
  const [numberPart = '', ...parameters] = body.split(';');
  const number = compact(numberPart);
  if (number === null) return null;
  if (number.startsWith('+')) return number;
  const context = parameters.find((parameter) => parameter.toLowerCase().startsWith('phone-context='));
  const prefix = context?.slice('phone-context='.length).replace(VISUAL_SEPARATORS, '') ?? '';
  // A numeric context is the global prefix of a local number; a domain context adds nothing dialable.
  return GLOBAL_PREFIX.test(prefix) ? compact(prefix + number) : number;
}

/** The first tel:/callto: link among command-line arguments (Windows and Linux pass links this way). */
export function findTelLinkInArgs(argv: readonly string[]): string | null {
  for (const argument of argv) {
    if (schemeOf(argument) === null) continue;
    const number = parseTelLink(argument);
    if (number !== null) return number;
  }
  return null;
}
