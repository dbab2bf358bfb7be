import { contentConfigurationToNodeSettings, LUIGI_CONTENT_CONFIGURATION_ANNOTATION } from './contentConfiguration';
import {
  checkNodeSettings,
  checkParsedNodeSettings,
  LUIGI_NODE_SETTINGS_ANNOTATION,
  NodeSettingsCheck,
  NodeSettingsRules,
} from './nodeSettings';

/** An entity's node settings as registered, checked: which annotation gave them, and the check. @public */
export interface RegisteredNodeSettings {
  /** `luigi-project.io/node-settings` or `luigi-project.io/content-configuration`. */
  annotation: string;
  check: NodeSettingsCheck;
}

/**
 * The node settings an entity gives its `view-url` micro app, from `luigi-project.io/node-settings`
 * or, converted, from an OpenMFP content configuration in `luigi-project.io/content-configuration`;
 * checked with {@link checkNodeSettings}' rules either way. Undefined when the entity has neither;
 * refused when it has both. The one reading the page, the entity tab, the catalog module and the
 * token route share. Pure.
 * @public
 */
export function readNodeSettings(
  annotations: Readonly<Record<string, unknown>> | undefined,
  rules: NodeSettingsRules,
): RegisteredNodeSettings | undefined {
  // Only a broken catalog hands anything but a map; there is then nothing to read.
  if (!annotations || typeof annotations !== 'object') return undefined;
  const inline = annotations[LUIGI_NODE_SETTINGS_ANNOTATION];
  const openMfp = annotations[LUIGI_CONTENT_CONFIGURATION_ANNOTATION];
  if (inline === undefined && openMfp === undefined) return undefined;
  if (inline !== undefined && openMfp !== undefined) {
    const reason = `give either ${LUIGI_NODE_SETTINGS_ANNOTATION} or ${LUIGI_CONTENT_CONFIGURATION_ANNOTATION}, not both`;
    return { annotation: LUIGI_CONTENT_CONFIGURATION_ANNOTATION, check: { ok: false, reason } };
  }
  if (inline !== undefined) return { annotation: LUIGI_NODE_SETTINGS_ANNOTATION, check: checkNodeSettings(inline, rules) };
  const conversion = contentConfigurationToNodeSettings(openMfp, rules.viewUrl);
  if (!conversion.ok) return { annotation: LUIGI_CONTENT_CONFIGURATION_ANNOTATION, check: conversion };
  const check = checkParsedNodeSettings(conversion.nodeSettings, rules);
  return {
    annotation: LUIGI_CONTENT_CONFIGURATION_ANNOTATION,
    check: check.ok ? check : { ok: false, reason: `content configuration, as node settings: ${check.reason}` },
  };
}
