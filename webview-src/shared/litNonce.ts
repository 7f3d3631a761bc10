/**
 * Lit styles shadow roots with constructable stylesheets where the browser has them (VS Code's
 * Chromium does); where it falls back to <style> elements they need the page's nonce to pass
 * the CSP. Import this before any vscode-elements module.
 */
const script = document.currentScript;
if (script instanceof HTMLScriptElement && script.nonce) (window as unknown as { litNonce?: string }).litNonce = script.nonce;
export {};
