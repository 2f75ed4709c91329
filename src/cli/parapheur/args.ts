import { parseArgs } from 'node:util';
import { UsageError } from './exit-codes';

/** Where the visible stamp goes, as asked on the command line. */
export type StampArg =
  | { kind: 'rect'; page: number; x: number; y: number; width: number; height: number }
  | { kind: 'tag'; tag: string }
  | { kind: 'auto' };

/** Where the key comes from. */
export type KeyArg = { kind: 'p12'; path: string } | { kind: 'pem'; keyPath: string; certPath: string; chainPath?: string };

export interface SignArgs {
  input: string;
  output: string;
  key: KeyArg;
  passwordEnv?: string;
  level: 'B-B' | 'B-T';
  tsa: string[];
  field?: string;
  stamp?: StampArg;
  image?: string;
  name?: string;
  title?: string;
  onBehalfOf?: string;
  reason?: string;
  location?: string;
}

export interface VerifyArgs {
  file: string;
  trust: string[];
  json: boolean;
}

const SIGN_OPTIONS = {
  in: { type: 'string' },
  out: { type: 'string' },
  p12: { type: 'string' },
  key: { type: 'string' },
  cert: { type: 'string' },
  chain: { type: 'string' },
  'password-env': { type: 'string' },
  level: { type: 'string' },
  tsa: { type: 'string', multiple: true },
  field: { type: 'string' },
  visible: { type: 'string' },
  tag: { type: 'string' },
  'auto-stamp': { type: 'boolean' },
  image: { type: 'string' },
  name: { type: 'string' },
  title: { type: 'string' },
  'on-behalf-of': { type: 'string' },
  reason: { type: 'string' },
  location: { type: 'string' },
} as const;

/** Runs a parseArgs call, turning its errors into usage errors. */
function parse<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\.$/, '')}. Run "parapheur --help".`);
  }
}

const VERIFY_OPTIONS = { trust: { type: 'string', multiple: true }, json: { type: 'boolean' } } as const;

function required(value: string | undefined, option: string): string {
  if (!value) throw new UsageError(`--${option} is required. Run "parapheur --help".`);
  return value;
}

function parseVisible(value: string): StampArg {
  const parts = value.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 5 || parts.some((n) => !Number.isFinite(n))) {
    throw new UsageError(`--visible wants PAGE,X,Y,W,H (five numbers, e.g. --visible=-1,350,60,200,80), got "${value}".`);
  }
  const [page, x, y, width, height] = parts;
  if (!Number.isInteger(page) || page === 0 || width <= 0 || height <= 0) {
    throw new UsageError('--visible: PAGE is 1-based (or -1 for the last page) and W,H must be positive.');
  }
  return { kind: 'rect', page, x, y, width, height };
}

function parseStamp(values: { visible?: string; tag?: string; 'auto-stamp'?: boolean }): StampArg | undefined {
  const asked = [values.visible, values.tag, values['auto-stamp']].filter((v) => v !== undefined && v !== false);
  if (asked.length > 1) throw new UsageError('Choose one of --visible, --tag and --auto-stamp.');
  if (values.visible) return parseVisible(values.visible);
  if (values.tag) return { kind: 'tag', tag: values.tag };
  return values['auto-stamp'] ? { kind: 'auto' } : undefined;
}

function parseKey(values: { p12?: string; key?: string; cert?: string; chain?: string }): KeyArg {
  if (values.p12 && (values.key || values.cert)) throw new UsageError('Give either --p12, or --key with --cert, not both.');
  if (values.p12) return { kind: 'p12', path: values.p12 };
  if (values.key && values.cert) return { kind: 'pem', keyPath: values.key, certPath: values.cert, chainPath: values.chain };
  throw new UsageError('A key is required: --p12 FILE, or --key KEY.pem with --cert CERT.pem.');
}

function parseLevel(value: string | undefined, tsa: string[]): 'B-B' | 'B-T' {
  const level = value ?? 'B-B';
  if (level !== 'B-B' && level !== 'B-T') throw new UsageError(`--level must be B-B or B-T, got "${level}".`);
  if (level === 'B-T' && tsa.length === 0) throw new UsageError('--level B-T needs at least one --tsa URL.');
  return level;
}

/** Parses `parapheur sign …` options (argv without the command word). */
export function parseSignArgs(argv: string[]): SignArgs {
  const { values } = parse(() => parseArgs({ args: argv, options: SIGN_OPTIONS, strict: true }));
  const tsa = values.tsa ?? [];
  const stamp = parseStamp(values);
  if (values.image && !stamp) throw new UsageError('--image needs a visible stamp: add --visible, --tag or --auto-stamp.');
  return {
    input: required(values.in, 'in'),
    output: required(values.out, 'out'),
    key: parseKey(values),
    passwordEnv: values['password-env'],
    level: parseLevel(values.level, tsa),
    tsa,
    field: values.field,
    stamp,
    image: values.image,
    name: values.name,
    title: values.title,
    onBehalfOf: values['on-behalf-of'],
    reason: values.reason,
    location: values.location,
  };
}

/** Parses `parapheur verify FILE --trust ROOT.pem [--json]`. */
export function parseVerifyArgs(argv: string[]): VerifyArgs {
  const { values, positionals } = parse(() => parseArgs({ args: argv, options: VERIFY_OPTIONS, allowPositionals: true, strict: true }));
  if (positionals.length !== 1) throw new UsageError('verify wants exactly one PDF file: parapheur verify FILE.pdf --trust ROOT.pem');
  const trust = values.trust ?? [];
  if (trust.length === 0) throw new UsageError('verify needs at least one --trust ROOT.pem (the certificate to trust).');
  return { file: positionals[0], trust, json: values.json === true };
}
