// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'certs/**', 'web/dist/**', 'test/fixtures/generated/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The PAdES engine is a framework-free library: no Nest, no ORM, no configuration.
    files: ['src/pades/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@nestjs/*'], message: 'src/pades is framework-free: no NestJS imports.' },
          { group: ['typeorm', 'typeorm/*'], message: 'src/pades is framework-free: no TypeORM imports.' },
          { group: ['**/config', '**/config/*', '**/modules/*', '**/database/*'], message: 'src/pades must not read configuration or app modules: pass options in.' },
        ],
      }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'src/pades must not read environment variables.' }],
    },
  },
);
