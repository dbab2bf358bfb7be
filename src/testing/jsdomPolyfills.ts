// jsdom's CSSStyleDeclaration is not iterable (browsers' is); the engine's host guard spreads it.
if (typeof CSSStyleDeclaration !== 'undefined' && !(Symbol.iterator in CSSStyleDeclaration.prototype)) {
  Object.defineProperty(CSSStyleDeclaration.prototype, Symbol.iterator, {
    configurable: true,
    *value(this: CSSStyleDeclaration) {
      for (let i = 0; i < this.length; i++) yield this.item(i);
    },
  });
}

export {};
