import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import {
  LUIGI_AUDIT_EVENTS,
  LuigiAdminWarning,
  LuigiAdminWarningId,
  luigiMicroFrontendOpenPermission,
} from 'backstage-plugin-luigi-common';
import { AUDITED_FIX } from './policyWarnings';

/** A warning is reported (logged and audited) at most once per this many milliseconds, per replica. */
export const POLICY_REPORT_INTERVAL_MS = 60 * 60 * 1000;

/**
 * How long, in milliseconds, the page shows a warning found at run time after it was last found: the
 * policy may have been fixed since (RBAC policies change without a restart). One found at startup
 * (the allow-all module) stays until the backend restarts.
 */
export const RUNTIME_WARNING_SHOWN_MS = 24 * 60 * 60 * 1000;

/** What the {@link PolicyAlarm} needs. */
export interface PolicyAlarmOptions {
  logger: LoggerService;
  /** Records the `policy-open-to-everyone` events (the plugin's bounded auditor). */
  auditor: AuditorService;
  /** `luigi.access.policyAllowsEveryoneOnPurpose`: log at info, show nothing, still audit. */
  onPurpose: boolean;
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
}

/** What is known of one finding besides its warning. */
export interface PolicyFinding {
  /** The user the policy allowed, for a finding at run time. */
  user?: string;
  /** Whether the page shows it until restart (startup findings) or for a day after it was last found. */
  persistent?: boolean;
}

interface Shown {
  warning: LuigiAdminWarning;
  /** Milliseconds since the epoch; absent: until restart. */
  until?: number;
}

/**
 * Reports that the permission policy lets everybody open every micro app: a warn log with the fix (info
 * when app-config says it is on purpose), a `policy-open-to-everyone` audit event of high severity
 * (with the signal, the user if any and the fix; also when on purpose), and the warning for the
 * admins' page (not when on purpose). Each kind of finding at most once per
 * {@link POLICY_REPORT_INTERVAL_MS}. What it holds is this replica's: each replica finds it for itself.
 */
export class PolicyAlarm {
  readonly #options: PolicyAlarmOptions;
  readonly #lastReported = new Map<LuigiAdminWarningId, number>();
  readonly #shown = new Map<LuigiAdminWarningId, Shown>();

  constructor(options: PolicyAlarmOptions) {
    this.#options = options;
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  /** Whether a finding of this kind would be reported now: lets callers skip looking for one. */
  due(id: LuigiAdminWarningId): boolean {
    const last = this.#lastReported.get(id);
    return last === undefined || this.#now() - last >= POLICY_REPORT_INTERVAL_MS;
  }

  /**
   * Reports `warning`, unless one of its kind was reported less than {@link POLICY_REPORT_INTERVAL_MS}
   * ago. Resolves once it is logged and audited; whether it was reported.
   */
  async report(warning: LuigiAdminWarning, finding: PolicyFinding = {}): Promise<boolean> {
    if (!this.due(warning.id)) return false;
    const now = this.#now();
    // Taken before anything is awaited: concurrent findings report once.
    this.#lastReported.set(warning.id, now);
    const { logger, onPurpose } = this.#options;
    if (onPurpose) {
      logger.info(`${warning.title} (kept on purpose: luigi.access.policyAllowsEveryoneOnPurpose). ${warning.message}`);
    } else {
      logger.warn(`${warning.title}. ${warning.message} Fix: ${warning.fix}`);
      this.#shown.set(warning.id, {
        warning,
        ...(finding.persistent ? {} : { until: now + RUNTIME_WARNING_SHOWN_MS }),
      });
    }
    const event = await this.#options.auditor.createEvent({
      eventId: LUIGI_AUDIT_EVENTS.policyOpenToEveryone,
      severityLevel: 'high',
      meta: {
        signal: warning.id,
        permission: luigiMicroFrontendOpenPermission.name,
        ...(finding.user === undefined ? {} : { user: finding.user }),
        onPurpose,
        fix: AUDITED_FIX[warning.id],
      },
    });
    await event.success();
    return true;
  }

  /** The warnings the admins' page shows now, oldest kind first. */
  warnings(): LuigiAdminWarning[] {
    const now = this.#now();
    return [...this.#shown.values()].filter(s => s.until === undefined || s.until > now).map(s => s.warning);
  }
}
