import useAsync from 'react-use/esm/useAsync';
import { ContentSecurityPolicy } from '../csp/contentSecurityPolicy';
import { readPagePolicies } from '../csp/readPagePolicies';

/** The page's Content-Security-Policies; empty while being read or when the page has none. */
export function usePagePolicies(): readonly ContentSecurityPolicy[] {
  const { value } = useAsync(() => readPagePolicies(), []);
  return value ?? [];
}
