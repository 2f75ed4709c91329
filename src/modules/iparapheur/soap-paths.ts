/** Both paths i-Parapheur clients know; the same behaviour (base64 inline; MTOM requests are read too). */
export const SOAP_PATHS = ['ws-iparapheur', 'ws-iparapheur-no-mtom'];
