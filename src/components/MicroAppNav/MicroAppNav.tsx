import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import ListSubheader from '@material-ui/core/ListSubheader';
import { MouseEvent } from 'react';
import { groupByCategory } from '../../catalog/buildMicroApps';
import { MicroApp } from '../../catalog/types';

/** Entity text wraps anywhere: one long word in a title must not widen the page. */
const WRAP = { overflowWrap: 'anywhere', minWidth: 0 } as const;

/** Props of {@link MicroAppNav}. */
export interface MicroAppNavProps {
  apps: readonly MicroApp[];
  /** Path segment of the open app, if any. */
  selected?: string;
  /** Opens an app by Luigi path (`/orders`). */
  onOpen(luigiPath: string): void;
}

/**
 * The micro apps grouped by category. Items are real links (`#/<app>`), so they can be copied or
 * opened in a new tab; a plain click is routed through Luigi. Entity text is rendered as text.
 */
export function MicroAppNav({ apps, selected, onOpen }: MicroAppNavProps) {
  const open = (event: MouseEvent, app: MicroApp) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onOpen(`/${app.pathSegment}`);
  };
  return (
    <List dense component="nav" aria-label="Micro apps" data-testid="luigi-nav">
      {groupByCategory(apps).map(([category, members]) => (
        <li key={category}>
          <ul style={{ padding: 0 }}>
            <ListSubheader disableSticky style={WRAP}>
              {category}
            </ListSubheader>
            {members.map(app => (
              <ListItem
                key={app.pathSegment}
                button
                component="a"
                href={`#/${app.pathSegment}`}
                selected={app.pathSegment === selected}
                onClick={(event: MouseEvent) => open(event, app)}
                data-testid={`luigi-nav-${app.pathSegment}`}
              >
                <ListItemText primary={app.label} secondary={app.description} style={WRAP} />
              </ListItem>
            ))}
          </ul>
        </li>
      ))}
    </List>
  );
}
