import { el, type XmlNode } from './xml';

/** `MessageRetour { codeRetour, message, severite }`: how i-Parapheur says OK or KO (HTTP 200 either way). */
export function messageRetour(ok: boolean, message: string): XmlNode {
  return el('MessageRetour', [el('codeRetour', ok ? 'OK' : 'KO'), el('message', message), el('severite', ok ? 'INFO' : 'ERROR')]);
}

export function ok(message: string): XmlNode {
  return messageRetour(true, message);
}
