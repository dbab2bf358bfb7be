import { DEFAULT_FRAME_SANDBOX, FrameRequest } from 'backstage-plugin-luigi-common';

/**
 * Gives a frame Luigi just created (not yet in the document, so before its first request) the
 * portal's referrer policy, the default sandbox plus what its entity was granted, and the browser
 * features it was granted, each for the frame's own origin only.
 */
export function applyFramePolicy(frame: HTMLIFrameElement, referrerPolicy: string, request?: FrameRequest) {
  frame.setAttribute('referrerpolicy', referrerPolicy);
  frame.setAttribute('sandbox', [...DEFAULT_FRAME_SANDBOX, ...(request?.sandbox ?? [])].join(' '));
  if (request?.allow.length) frame.setAttribute('allow', request.allow.map(feature => `${feature} 'src'`).join('; '));
  else frame.removeAttribute('allow');
}
