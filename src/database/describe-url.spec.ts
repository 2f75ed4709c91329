import { describeUrl } from './describe-url';

describe('describeUrl', () => {
  it('masks the password', () => {
    expect(describeUrl('postgres://app:s3cret@db.example:5432/parapheur')).toBe('postgres://app:***@db.example:5432/parapheur');
  });
  it('keeps URLs without credentials as they are', () => {
    expect(describeUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
