/**
 * The base of every error the web client throws on purpose: a stable `code` that callers and tests
 * switch on instead of matching messages. Each layer narrows it (NoiseError in ../noise, with
 * snake_case codes; ProtocolUsageError in ../protocol, with the kebab-case codes of
 * docs/protocol.md). Messages never contain key bytes, PSKs or plaintext.
 */
export class CodedError<C extends string = string> extends Error {
  readonly code: C;

  constructor(code: C, message: string) {
    super(message);
    this.code = code;
    // The subclass's name, so logs and stack traces say NoiseError, ProtocolUsageError, ...
    this.name = new.target.name;
  }
}

/**
 * The runtime has no WebCrypto at all. Neither layer can do anything without it, so it is one error
 * for both rather than a NoiseError or a caller bug: browsers expose crypto.subtle only in secure
 * contexts (HTTPS or localhost), and a page served over plain http lands here.
 */
export class WebCryptoUnavailableError extends CodedError<'no-webcrypto'> {
  constructor() {
    super('no-webcrypto', 'WebCrypto (crypto.subtle) is not available; browsers need a secure context');
  }
}

/** fromHex was given text that is not hex. A caller bug: hex is for vectors, tools and display only. */
export class InvalidHexError extends CodedError<'invalid-hex'> {
  constructor(length: number) {
    // The length only: the text may be a key.
    super('invalid-hex', `invalid hex string of length ${length}`);
  }
}
