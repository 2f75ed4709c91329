import { parseArgs } from './parse-args';

describe('parseArgs', () => {
  it('reads the command, positionals and both flag styles', () => {
    expect(parseArgs(['tenant:create', '--name', 'Commune de Test', '--siren=732829320', 'extra', '--dry'])).toEqual({
      command: 'tenant:create',
      positionals: ['extra'],
      flags: { name: 'Commune de Test', siren: '732829320', dry: 'true' },
    });
  });
  it('keeps "=" inside values', () => {
    expect(parseArgs(['x', '--name=a=b']).flags).toEqual({ name: 'a=b' });
  });
});
