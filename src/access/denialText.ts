import { LuigiDenialReason } from 'backstage-plugin-luigi-common';

/** The sentence the access-denied panel says for each reason a micro app is refused. Plain text. */
export function denialSentence(reason: LuigiDenialReason): string {
  switch (reason) {
    case 'permission-framework-disabled':
      return "The portal's administrators have not set up access to micro apps yet, so none opens.";
    case 'tenant-denied':
      return 'You may not enter the tenant this micro app belongs to, so it does not open for you.';
    case 'no-tenant':
      return 'This micro app belongs to no tenant of the portal, so it opens for nobody.';
    case 'other-tenant':
      return 'This micro app belongs to another tenant than the one shown.';
    default:
      return 'Your access does not include this micro app.';
  }
}
