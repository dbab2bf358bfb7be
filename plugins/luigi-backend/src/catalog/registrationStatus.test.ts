import { Entity } from '@backstage/catalog-model';
import { describeProblem, describeProblemBeside, NOTHING_SHOWN } from './problemText';
import { CATALOG_PROCESSING_STATUS, withRegistrationStatus } from './registrationStatus';

const allowed = new Set(['https://apps.example.com']);

const component = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders', annotations },
  spec: { type: 'website', lifecycle: 'production', owner: 'team-orders' },
});

/** The status messages the entity page shows for the entity. */
const messagesOf = (entity: Entity): string[] =>
  ((entity as { status?: { items?: Array<{ type: string; error: { message: string } }> } }).status?.items ?? [])
    .filter(item => item.type === CATALOG_PROCESSING_STATUS)
    .map(item => item.error.message);

const untrusted = 'Untrusted=http://localhost:7200/recorder/';
const untrustedReason = 'origin http://localhost:7200 is not in luigi.allowedOrigins';

describe('the status text of a registration problem', () => {
  it('names the one further view not shown, and says the main view still shows', () => {
    const entity = component({
      'luigi-project.io/view-url': 'https://apps.example.com/orders/',
      'luigi-project.io/views': `Settings=https://apps.example.com/orders/settings\n${untrusted}`,
    });
    expect(messagesOf(withRegistrationStatus(entity, allowed))).toEqual([
      `View "Untrusted" not shown: luigi-project.io/views: ${untrustedReason}; its other views are still shown`,
    ]);
  });

  it('says the other further views still show when the entity has no main view', () => {
    const entity = component({ 'luigi-project.io/views': `Settings=https://apps.example.com/orders/settings\n${untrusted}` });
    expect(messagesOf(withRegistrationStatus(entity, allowed))).toEqual([
      `View "Untrusted" not shown: luigi-project.io/views: ${untrustedReason}; its other views are still shown`,
    ]);
  });

  it('does not claim other views show when the refused one was the only view', () => {
    const entity = component({ 'luigi-project.io/views': untrusted });
    expect(messagesOf(withRegistrationStatus(entity, allowed))).toEqual([
      `View "Untrusted" not shown: luigi-project.io/views: ${untrustedReason}`,
    ]);
  });

  it('keeps "Micro frontend not shown" for a refused main view when no view shows', () => {
    const entity = component({ 'luigi-project.io/view-url': 'http://localhost:7200/recorder/', 'luigi-project.io/views': untrusted });
    expect(messagesOf(withRegistrationStatus(entity, allowed))).toEqual([
      `Micro frontend not shown: luigi-project.io/view-url: ${untrustedReason}`,
      `View "Untrusted" not shown: luigi-project.io/views: ${untrustedReason}`,
    ]);
  });

  it('says "Main view not shown" when the main view is refused but entries of views show', () => {
    const entity = component({
      'luigi-project.io/view-url': 'http://localhost:7200/recorder/',
      'luigi-project.io/views': 'Settings=https://apps.example.com/orders/settings',
    });
    expect(messagesOf(withRegistrationStatus(entity, allowed))).toEqual([
      `Main view not shown: luigi-project.io/view-url: ${untrustedReason}; its other views are still shown`,
    ]);
  });

  it('reads refused node settings as hiding the main view', () => {
    const settings = JSON.stringify({ webcomponent: true });
    const alone = component({ 'luigi-project.io/view-url': 'https://apps.example.com/orders/', 'luigi-project.io/node-settings': settings });
    expect(messagesOf(withRegistrationStatus(alone, allowed))).toEqual([
      expect.stringMatching(/^Micro frontend not shown: luigi-project\.io\/node-settings: /),
    ]);
    const beside = component({
      'luigi-project.io/view-url': 'https://apps.example.com/orders/',
      'luigi-project.io/node-settings': settings,
      'luigi-project.io/views': 'Settings=https://apps.example.com/orders/settings',
    });
    expect(messagesOf(withRegistrationStatus(beside, allowed))).toEqual([
      expect.stringMatching(/^Main view not shown: luigi-project\.io\/node-settings: .*; its other views are still shown$/),
    ]);
  });

  it('reads a refused frame request as hiding every view, so no view is said to still show', () => {
    const entity = component({
      'luigi-project.io/view-url': 'https://apps.example.com/orders/',
      'luigi-project.io/views': untrusted,
      'luigi-project.io/frame-allow': 'camera',
    });
    const messages = messagesOf(withRegistrationStatus(entity, allowed));
    expect(messages).toContainEqual(expect.stringMatching(/^Micro frontend not shown: luigi-project\.io\/frame-allow: /));
    expect(messages).toContainEqual(`View "Untrusted" not shown: luigi-project.io/views: ${untrustedReason}`);
  });

  it('reads a problem by its annotation: the token audience, the tenant and any other', () => {
    const shown = { main: true, views: 1 };
    expect(describeProblemBeside({ annotation: 'luigi-project.io/token-audience', reason: 'taken' }, shown)).toBe(
      'Micro frontend gets no token: luigi-project.io/token-audience: taken',
    );
    expect(describeProblemBeside({ annotation: 'luigi-project.io/tenant', reason: 'not yours' }, shown)).toBe(
      'Micro frontend not shown: luigi-project.io/tenant: not yours',
    );
    expect(describeProblemBeside({ annotation: 'luigi-project.io/future', reason: 'no' }, shown)).toBe(
      'Micro frontend not shown: luigi-project.io/future: no',
    );
  });

  it('describes a problem alone as if nothing else showed (the token route)', () => {
    const problem = { annotation: 'luigi-project.io/views', label: 'Untrusted', reason: untrustedReason };
    expect(describeProblem(problem)).toBe(describeProblemBeside(problem, NOTHING_SHOWN));
    expect(describeProblem(problem)).toBe(`View "Untrusted" not shown: luigi-project.io/views: ${untrustedReason}`);
    expect(describeProblem({ annotation: 'luigi-project.io/view-url', reason: untrustedReason })).toBe(
      `Micro frontend not shown: luigi-project.io/view-url: ${untrustedReason}`,
    );
  });

  it('keeps each message on one line', () => {
    const entity = component({ 'luigi-project.io/view-url': 'https://apps.example.com/orders/', 'luigi-project.io/views': `A\u202e\nB=javascript:x\n${untrusted}` });
    for (const message of messagesOf(withRegistrationStatus(entity, allowed))) {
      expect(message).not.toMatch(/[\p{Cc}\p{Cf}]/u);
      expect(message).toContain('not shown');
    }
  });
});
