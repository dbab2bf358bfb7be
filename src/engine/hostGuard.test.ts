import { HostGuard } from './hostGuard';

describe('HostGuard', () => {
  it('removes the marks Luigi leaves on html and body and restores the host language', async () => {
    document.documentElement.setAttribute('lang', 'de');
    document.body.className = 'host-class';
    const guard = new HostGuard(document);
    guard.start();
    document.documentElement.classList.add('luigi-app-in-custom-container');
    document.body.classList.add('lui-semiCollapsible');
    document.documentElement.style.setProperty('--vh', '9px');
    document.documentElement.setAttribute('lang', 'en');
    await new Promise(resolve => setTimeout(resolve, 0)); // let the observer run
    guard.restore();
    expect(document.documentElement.className).toBe('');
    expect(document.documentElement.getAttribute('style')).toBeNull();
    expect(document.body.className).toBe('host-class');
    expect(document.documentElement.getAttribute('lang')).toBe('de');
  });
});
