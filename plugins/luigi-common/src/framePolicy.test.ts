import { checkFrameRequest, normalizeFrameLimits } from './framePolicy';

const limits = { allow: ['clipboard-write', 'camera'], sandbox: ['allow-downloads'] };

describe('checkFrameRequest', () => {
  it('grants nothing extra to an entity that asks for nothing', () => {
    expect(checkFrameRequest({}, limits)).toEqual({ ok: true, frame: { allow: [], sandbox: [] } });
  });

  it('grants what the admin allows, once each, comma or space separated', () => {
    expect(
      checkFrameRequest(
        { 'luigi-project.io/frame-allow': 'clipboard-write, camera camera', 'luigi-project.io/frame-sandbox': 'allow-downloads allow-scripts' },
        limits,
      ),
    ).toEqual({ ok: true, frame: { allow: ['clipboard-write', 'camera'], sandbox: ['allow-downloads'] } });
  });

  it.each([
    ['a feature the admin does not grant', { 'luigi-project.io/frame-allow': 'geolocation' }, /"geolocation".*luigi\.frames\.allow/],
    ['an origin list smuggled into a feature', { 'luigi-project.io/frame-allow': "camera 'src' https://evil.example" }, /not a feature name/],
    ['a second directive', { 'luigi-project.io/frame-allow': 'camera;microphone' }, /not a feature name/],
    ['a sandbox token the admin does not grant', { 'luigi-project.io/frame-sandbox': 'allow-pointer-lock' }, /"allow-pointer-lock".*luigi\.frames\.sandbox/],
    ['navigating the portal itself', { 'luigi-project.io/frame-sandbox': 'allow-top-navigation' }, /"allow-top-navigation"/],
    ['a value that is not text', { 'luigi-project.io/frame-allow': ['camera'] }, /must be a text value/],
  ])('refuses %s with a reason', (_name, annotations, reason) => {
    const check = checkFrameRequest(annotations, limits);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(reason);
  });

  it('never grants top navigation, even when an admin lists it', () => {
    const { limits: read, invalid } = normalizeFrameLimits({ sandbox: ['allow-top-navigation', 'allow-downloads'] });
    expect(read.sandbox).toEqual(['allow-downloads']);
    expect(invalid).toEqual(['allow-top-navigation']);
    expect(checkFrameRequest({ 'luigi-project.io/frame-sandbox': 'allow-top-navigation' }, { allow: [], sandbox: ['allow-top-navigation'] }).ok).toBe(false);
  });
});
