import { parseSignArgs, parseVerifyArgs } from './args';
import { UsageError } from './exit-codes';

const base = ['--in', 'a.pdf', '--out', 'b.pdf', '--p12', 'k.p12'];

describe('parapheur arguments', () => {
  it('parses a full sign command line', () => {
    const args = parseSignArgs([...base, '--password-env', 'PW', '--level', 'B-T', '--tsa', 'http://a', '--tsa', 'http://b', '--visible=-1,350,60,200,80', '--image', 's.png', '--title', 'Maire']);
    expect(args).toMatchObject({
      input: 'a.pdf',
      output: 'b.pdf',
      key: { kind: 'p12', path: 'k.p12' },
      passwordEnv: 'PW',
      level: 'B-T',
      tsa: ['http://a', 'http://b'],
      stamp: { kind: 'rect', page: -1, x: 350, y: 60, width: 200, height: 80 },
      image: 's.png',
      title: 'Maire',
    });
  });

  it('takes a PEM key, certificate and chain', () => {
    expect(parseSignArgs(['--in', 'a', '--out', 'b', '--key', 'k.pem', '--cert', 'c.pem', '--chain', 'ch.pem']).key).toEqual({
      kind: 'pem',
      keyPath: 'k.pem',
      certPath: 'c.pem',
      chainPath: 'ch.pem',
    });
  });

  it.each([
    ['no key', ['--in', 'a', '--out', 'b'], /key is required/],
    ['two keys', [...base, '--key', 'k.pem', '--cert', 'c.pem'], /either --p12/],
    ['B-T without TSA', [...base, '--level', 'B-T'], /needs at least one --tsa/],
    ['an unknown level', [...base, '--level', 'B-LTA'], /B-B or B-T/],
    ['two placements', [...base, '--tag', '#s#', '--auto-stamp'], /Choose one/],
    ['a bad rectangle', [...base, '--visible', '1,2,3'], /five numbers/],
    ['page 0', [...base, '--visible', '0,1,1,10,10'], /1-based/],
    ['an image without a stamp', [...base, '--image', 's.png'], /needs a visible stamp/],
    ['an unknown option', [...base, '--colour', 'red'], /Unknown option/],
  ])('refuses %s with a usage error saying what to fix', (_what, argv, message) => {
    expect(() => parseSignArgs(argv)).toThrow(UsageError);
    expect(() => parseSignArgs(argv)).toThrow(message);
  });

  it('parses verify and requires a trust anchor', () => {
    expect(parseVerifyArgs(['f.pdf', '--trust', 'r.pem', '--trust', 'r2.pem', '--json'])).toEqual({ file: 'f.pdf', trust: ['r.pem', 'r2.pem'], json: true });
    expect(() => parseVerifyArgs(['f.pdf'])).toThrow(/--trust/);
    expect(() => parseVerifyArgs(['--trust', 'r.pem'])).toThrow(/exactly one PDF/);
  });
});
