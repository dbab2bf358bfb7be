import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { durationText, LuigiAccessRequest } from 'backstage-plugin-luigi-common';

/** The notifications' topic, for users' notification settings. */
export const ACCESS_REQUEST_TOPIC = 'luigi-access-requests';

/**
 * Tells the people concerned about access requests through Backstage's notifications: the owners
 * (the members of the app entity's owner group, resolved by the notifications backend) of a new
 * pending request, the requester of a decision. A notification that cannot be sent (no
 * notifications backend) is logged and changes nothing else: the request and its record stand.
 */
export class AccessRequestNotifications {
  constructor(
    private readonly deps: { notifications?: NotificationService; logger: LoggerService; inboxLink: string },
  ) {}

  private async send(options: Parameters<NotificationService['send']>[0]) {
    if (!this.deps.notifications) return;
    try {
      await this.deps.notifications.send(options);
    } catch (error) {
      this.deps.logger.warn(`Could not send an access request notification: ${(error as Error)?.message}`);
    }
  }

  /** A new request waits for the owners. */
  async requested(request: LuigiAccessRequest) {
    await this.send({
      recipients: { type: 'entity', entityRef: request.ownerRef, excludeEntityRef: request.userEntityRef },
      payload: {
        title: `${request.userEntityRef} asks for access to ${request.entityRef}`,
        description: `For ${durationText(request.durationMinutes)}.${request.reason ? ` Reason: ${request.reason}` : ''}`,
        link: this.deps.inboxLink,
        topic: ACCESS_REQUEST_TOPIC,
        severity: 'normal',
      },
    });
  }

  /** The owners decided: the requester learns the outcome. */
  async decided(request: LuigiAccessRequest) {
    const approved = request.state === 'approved' && request.grant;
    await this.send({
      recipients: { type: 'entity', entityRef: request.userEntityRef },
      payload: {
        title: approved
          ? `Your access to ${request.entityRef} was approved until ${new Date(request.grant!.expiresAt).toISOString()}`
          : `Your access request for ${request.entityRef} was denied`,
        description: `By ${request.decidedBy}.${request.decisionNote ? ` Note: ${request.decisionNote}` : ''}`,
        link: this.deps.inboxLink,
        topic: ACCESS_REQUEST_TOPIC,
        severity: approved ? 'normal' : 'low',
      },
    });
  }
}
