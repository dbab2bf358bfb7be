import { useEffect } from 'react';
import { tokenFailure } from '../access/tokenFailure';
import { MicroAppTokenProblem } from './useLuigiSession';

/**
 * Asks for the access decisions again when the backend refuses an open micro app's token for the
 * user (403): access ended while the app was open (an access grant ran out or was ended, a role
 * changed), so the app gives way to its denied panel, with the request form, instead of staying a
 * frame without a token. Once per refused app; any other failure keeps the token problem panel.
 */
export function useRedecideOnRefusal(problem: MicroAppTokenProblem | undefined, redecide: () => void) {
  const refused = problem && tokenFailure(problem.error).statusCode === 403 ? problem.entityRef : undefined;
  useEffect(() => {
    if (refused) redecide();
    // Only a newly refused app asks again; `redecide` may change identity on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refused]);
}
