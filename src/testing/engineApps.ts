import { MicroApp } from '../catalog/types';

/** A micro app as the engine gets it: `name` at apps.example.com, with `extra` fields (tenant, frame). */
export function engineApp(name: string, extra: Partial<MicroApp> = {}): MicroApp {
  return {
    pathSegment: name,
    label: name,
    category: 'c',
    viewUrl: `https://apps.example.com/${name}/`,
    entity: { ref: `component:default/${name}`, kind: 'Component', namespace: 'default', name, title: name },
    ...extra,
  };
}

/** A view binding that records what the engine reports. */
export const engineBinding = () => ({ onPageError: jest.fn(), onPolicyBlock: jest.fn(), onEngineError: jest.fn() });
