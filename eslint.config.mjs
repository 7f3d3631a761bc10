import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'media/dist/**', 'node_modules/**', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Render untrusted text with textContent.' },
        { property: 'outerHTML', message: 'Render untrusted text with textContent.' },
        { property: 'insertAdjacentHTML', message: 'Render untrusted text with textContent.' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // The pure core never touches VS Code: it is unit tested in plain Node.
    files: ['src/core/**/*.ts', 'src/store/**/*.ts', 'src/settings.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core and src/store (its engine, src/store/engine, too) stay free of vscode.' }] }] },
  },
  {
    files: ['webview-src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The harness reads the page (innerHTML is read, never written) and cleans up best-effort.
    files: ['test/harness/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: { 'no-restricted-properties': 'off', 'no-empty': 'off' },
  },
  {
    // Plain CommonJS loaded by mocha itself (reporter, root hooks): not bundled.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
