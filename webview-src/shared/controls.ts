/**
 * Accessible names for vscode-elements controls. A `vscode-single-select` (or textfield) draws its
 * real control, the `role="combobox"` face or the `<input>`, inside its shadow root, where the
 * host's `aria-label` and `title` do not reach: the element names that inner control from its
 * own `label` attribute only. Panels build their controls with an `aria-label` (and a `title`,
 * the tooltip sighted users see); this copies that name onto `label`, in one place, for every
 * such control under `root`, so a new filter needs nothing more than its aria-label or title.
 */
import { setAttr } from './dom';

const SHADOW_CONTROLS = 'vscode-single-select, vscode-multi-select, vscode-textfield, vscode-textarea';

export function nameShadowControls(root: ParentNode): void {
  for (const el of root.querySelectorAll(SHADOW_CONTROLS)) {
    const name = el.getAttribute('aria-label') || el.getAttribute('title') || el.getAttribute('placeholder');
    if (name && !el.getAttribute('label')) setAttr(el, 'label', name);
  }
}
