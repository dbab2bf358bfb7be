/** Classes Luigi puts on `<html>` and `<body>` for its own full-page layout. */
const LUIGI_CLASS = /^(lui-|luigi-)|^(semiCollapsed|fioriScrollbars)$/;
/** Custom properties Luigi sets on `<html>` for its header and tab navigation. */
const LUIGI_STYLE_PROPERTY = /^--(vh$|luigi)/;

function stripLuigiMarks(element: HTMLElement) {
  for (const name of [...element.classList]) {
    if (LUIGI_CLASS.test(name)) element.classList.remove(name);
  }
  if (element.getAttribute('class') === '') element.removeAttribute('class');
  // Indexed reads: not every DOM implementation makes CSSStyleDeclaration iterable.
  const properties = Array.from({ length: element.style.length }, (_, i) => element.style.item(i));
  for (const property of properties) {
    if (LUIGI_STYLE_PROPERTY.test(property)) element.style.removeProperty(property);
  }
  if (element.getAttribute('style') === '') element.removeAttribute('style');
}

/**
 * Keeps the host page's `<html>` and `<body>` as the host left them. Luigi is written to own the whole
 * page: it adds layout classes and forces `<html lang>`. The guard removes Luigi's marks as they appear
 * and puts back the language the host had before Luigi started.
 */
export class HostGuard {
  private readonly observer: MutationObserver;
  private readonly hostLang: string | null;

  constructor(private readonly doc: Document) {
    this.hostLang = doc.documentElement.getAttribute('lang');
    this.observer = new MutationObserver(() => this.restore(false));
  }

  /** Starts watching; call before handing control to Luigi. */
  start() {
    const options = { attributes: true, attributeFilter: ['class', 'style'] };
    this.observer.observe(this.doc.documentElement, options);
    this.observer.observe(this.doc.body, options);
  }

  /** Removes Luigi's marks; with `lang`, also restores the host's `<html lang>` (after Luigi's init). */
  restore(lang = true) {
    stripLuigiMarks(this.doc.documentElement);
    stripLuigiMarks(this.doc.body);
    if (lang) {
      if (this.hostLang === null) this.doc.documentElement.removeAttribute('lang');
      else this.doc.documentElement.setAttribute('lang', this.hostLang);
    }
  }
}
