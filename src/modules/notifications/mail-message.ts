/** One mail as the service writes it: plain text always, simple HTML optionally. */
export interface MailMessage {
  to: string | readonly string[];
  subject: string;
  text: string;
  html?: string;
}

const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+$/;

/** The recipients as stored (comma-separated), or undefined when one of them is not a plain address. */
export function normaliseRecipients(to: string | readonly string[]): string | undefined {
  const list = (typeof to === 'string' ? to.split(',') : [...to]).map((address) => address.trim()).filter((address) => address.length > 0);
  if (list.length === 0 || !list.every((address) => ADDRESS.test(address))) return undefined;
  return [...new Set(list)].join(', ');
}
