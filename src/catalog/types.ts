import type { FrameRequest, NodeSettings } from 'backstage-plugin-luigi-common';
import { LuigiTenant } from 'backstage-plugin-luigi-common';

/**
 * The entity a micro app belongs to, as passed to the micro app in its Luigi context.
 * @public
 */
export interface LuigiEntityContext {
  /** Full entity ref, e.g. `component:default/orders`. */
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  /** `metadata.title`, or the name when there is none. */
  title: string;
  /** `spec.owner` as a full entity ref, when set. */
  owner?: string;
  /** `spec.system` as a full entity ref, when set. */
  system?: string;
}

/**
 * A catalog entity that passed validation and becomes one Luigi navigation node.
 * @public
 */
export interface MicroApp {
  /** Stable, unique path segment under the Luigi page (`/luigi#/<pathSegment>`). */
  pathSegment: string;
  /** Label shown in navigation: entity title or name. Plain text. */
  label: string;
  /** Entity description, if any. Plain text. */
  description?: string;
  /** Navigation category. */
  category: string;
  /** Validated absolute URL of the micro frontend. */
  viewUrl: string;
  /** The owning entity, forwarded to the micro app as context. */
  entity: LuigiEntityContext;
  /**
   * The tenant the micro app is shown in, forwarded to it as context (`tenant`); only while tenants
   * are configured.
   */
  tenant?: LuigiTenant;
  /** What the entity's frames get beyond the default sandbox and no features (`luigi-project.io/frame-*`). */
  frame?: FrameRequest;
  /** How Luigi treats the view, and its child nodes (`luigi-project.io/node-settings`), checked. */
  node?: NodeSettings;
}

/**
 * A catalog entity that declares a micro frontend but was refused, with the reason shown to users;
 * or, with `view`, one further view of an entity whose micro app is shown.
 * @public
 */
export interface RejectedMicroApp {
  entityRef: string;
  /**
   * The entity's `spec.owner` as a full entity ref (`group:default/team-a`), when set: the page lists
   * a problem to the entity's owners (and the portal's admins) only.
   */
  owner?: string;
  /** Entity title or name, for display. Plain text. */
  label: string;
  /**
   * The label of the refused view of `luigi-project.io/views` (the raw entry when it has none), when
   * only that view is refused and the entity's micro app is shown. Plain text.
   */
  view?: string;
  /** Human readable reason, e.g. `origin https://x.example is not in luigi.allowedOrigins`. */
  reason: string;
}

/**
 * Result of turning catalog entities into micro apps.
 * @public
 */
export interface MicroAppCatalog {
  apps: MicroApp[];
  rejected: RejectedMicroApp[];
}
