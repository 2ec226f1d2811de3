/**
 * A box that scrolls sideways (a wide table on a phone) must be reachable by keyboard, or its hidden
 * columns are out of reach without a mouse (WCAG 2.1.1; axe's scrollable-region-focusable). While
 * its content is wider than the box it becomes a named, focusable region (Tab stops on it, the arrow
 * keys scroll it); when everything fits it is a plain box again, so laptops get no extra Tab stop.
 *
 *   <div class="table-scroll" use:scrollRegion={'Lost callers'}>…</div>
 */
export function scrollRegion(node: HTMLElement, label: string) {
  let name = label;
  const update = () => {
    if (node.scrollWidth > node.clientWidth + 1) {
      node.tabIndex = 0;
      node.setAttribute('role', 'region');
      node.setAttribute('aria-label', `${name} (scrolls sideways)`);
    } else {
      node.removeAttribute('tabindex');
      node.removeAttribute('role');
      node.removeAttribute('aria-label');
    }
  };
  const sizes = new ResizeObserver(update);
  const content = new MutationObserver(update);
  sizes.observe(node);
  content.observe(node, { childList: true, subtree: true });
  update();
  return {
    update(next: string) {
      name = next;
      update();
    },
    destroy() {
      sizes.disconnect();
      content.disconnect();
    }
  };
}
