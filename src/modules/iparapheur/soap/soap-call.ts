import type { Element } from '@xmldom/xmldom';
import type { AuthContext } from '../../../common/auth';

/** One SOAP request, authenticated: what every operation receives. */
export interface SoapCall {
  auth: AuthContext;
  /** The HTTP Basic user name, echoed back by `echo`. */
  login: string;
  /** The operation's request element (first child of the SOAP Body). */
  request: Element;
  /** MTOM/XOP attachments by Content-ID (empty for plain text/xml requests). */
  attachments: ReadonlyMap<string, Buffer>;
}

/** An expected refusal, answered as MessageRetour KO with this French message (never as a SOAP fault). */
export class SoapRefusal extends Error {
  constructor(readonly frenchMessage: string) {
    super(frenchMessage);
  }
}
