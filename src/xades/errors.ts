/** Why a PES flow could not be read or signed; `message` is French and says what to fix. */
export enum XadesErrorCode {
  TooLarge = 'too-large',
  Encoding = 'encoding',
  Dtd = 'dtd',
  Malformed = 'malformed',
  TooDeep = 'too-deep',
  NotPes = 'not-pes',
  NoBordereau = 'no-bordereau',
  XPath = 'xpath',
  AlreadySigned = 'already-signed',
  Certificate = 'certificate',
}

export class XadesError extends Error {
  constructor(
    readonly code: XadesErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'XadesError';
  }
}
