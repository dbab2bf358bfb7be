import { luigiStateOf } from './luigiFrameState';

const ADD_SEARCH_PARAMS = 'luigi.addSearchParams';
const SET_LOCALE = 'luigi.ux.set-current-locale';

/** The Luigi client messages that need a client permission of the frame's node. */
export const CLIENT_PERMISSION_MESSAGES: ReadonlySet<unknown> = new Set([ADD_SEARCH_PARAMS, SET_LOCALE]);

/**
 * Why Luigi core will refuse a micro app's request for want of a client permission, or undefined
 * when it will not. Luigi only logs these refusals to the console; the portal shows them to the
 * user, in the micro app's own alerts, with what its owner can do.
 */
export function clientPermissionRefusal(message: unknown, frame: HTMLIFrameElement): string | undefined {
  const msg = (message as { msg?: unknown } | null)?.msg;
  const state = luigiStateOf(frame);
  if (msg === ADD_SEARCH_PARAMS && !state?.currentNode?.clientPermissions?.urlParameters) {
    return 'This micro app tried to change the portal URL\u2019s search parameters, which its registration does not allow (clientPermissions.urlParameters in luigi-project.io/node-settings).';
  }
  if (msg === SET_LOCALE && !state?.clientPermissions?.changeCurrentLocale) {
    return 'This micro app tried to change the language, which its registration does not allow (clientPermissions.changeCurrentLocale in luigi-project.io/node-settings).';
  }
  return undefined;
}
