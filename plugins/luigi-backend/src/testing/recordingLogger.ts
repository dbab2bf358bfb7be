import { coreServices, createServiceFactory, LoggerService, RootLoggerService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';

/** One log line as the recording root logger kept it. */
export interface RecordedLogLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  /** The fields of the logger's children (`plugin`, `isAuditEvent` …) and of the call. */
  fields: Record<string, unknown>;
}

/**
 * A root logger service factory that keeps every line any plugin logs in `lines`, with the fields
 * its child loggers add (the plugin logger adds `plugin`, the default auditor `isAuditEvent`).
 */
export function recordingRootLogger() {
  const lines: RecordedLogLine[] = [];
  const loggerWith = (fields: JsonObject): LoggerService => {
    const log =
      (level: RecordedLogLine['level']) =>
      (message: string, meta?: Error | JsonObject) => {
        const callFields = meta instanceof Error ? { error: meta.message } : meta ?? {};
        lines.push({ level, message, fields: { ...fields, ...callFields } });
      };
    return {
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
      child: meta => loggerWith({ ...fields, ...meta }),
    };
  };
  const factory = createServiceFactory({
    service: coreServices.rootLogger,
    deps: {},
    factory: () => loggerWith({}) as RootLoggerService,
  });
  return {
    factory,
    lines,
    /** The lines of one plugin at `level`. */
    of: (plugin: string, level: RecordedLogLine['level']) =>
      lines.filter(line => line.fields.plugin === plugin && line.level === level),
  };
}
