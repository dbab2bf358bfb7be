import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import ListSubheader from '@material-ui/core/ListSubheader';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { Fragment, MouseEvent, useMemo, useState } from 'react';
import { groupByCategory } from '../../catalog/buildMicroApps';
import { ChildModal } from '../../catalog/childNav';
import { listedInNav, NAV_LIMIT, navWindow } from '../../catalog/navWindow';
import { MicroApp } from '../../catalog/types';
import { MicroAppChildNav } from './MicroAppChildNav';
import { ONE_LINE } from './oneLine';

/** A description wraps anywhere: one long word in it must not widen the page. Titles take one line. */
const WRAP = { overflowWrap: 'anywhere', minWidth: 0 } as const;

/** From this many apps on, the navigation offers a filter. */
const FILTER_FROM = 15;

/** Props of {@link MicroAppNav}. */
export interface MicroAppNavProps {
  apps: readonly MicroApp[];
  /** Path segment of the open app, if any. */
  selected?: string;
  /** The open Luigi path (`/orders/open`), to mark the open child node. */
  selectedPath?: string;
  /** Opens an app or child node by Luigi path (`/orders`), as a modal when its settings say so. */
  onOpen(luigiPath: string, modal?: ChildModal): void;
}

/**
 * The micro apps grouped by category, and under the open one its child nodes (as a Luigi shell's
 * left navigation lists them). Items are real links (`#/<app>`), so they can be copied or opened in
 * a new tab; a plain click is routed through Luigi. Entity text is rendered as text; titles and
 * headings take one line, cut with an ellipsis, the whole text on hover. Apps with
 * `hideFromNav` are left out unless open. A large catalog gets a filter and at most
 * {@link NAV_LIMIT} items drawn at once.
 */
export function MicroAppNav({ apps, selected, selectedPath, onOpen }: MicroAppNavProps) {
  const [filter, setFilter] = useState('');
  const listed = useMemo(() => listedInNav(apps, selected), [apps, selected]);
  const { shown, matching } = useMemo(() => navWindow(listed, filter, selected), [listed, filter, selected]);
  const open = (event: MouseEvent, luigiPath: string, modal?: ChildModal) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onOpen(luigiPath, modal);
  };
  return (
    <List dense component="nav" aria-label="Micro apps" data-testid="luigi-nav">
      {apps.length >= FILTER_FROM && (
        <li style={{ padding: '0 16px 8px' }}>
          <TextField
            fullWidth
            size="small"
            label="Filter micro apps"
            value={filter}
            onChange={event => setFilter(event.target.value)}
            inputProps={{ 'data-testid': 'luigi-apps-filter' }}
          />
        </li>
      )}
      {groupByCategory(shown).map(([category, members]) => (
        <li key={category}>
          <ul style={{ padding: 0 }}>
            <ListSubheader disableSticky style={ONE_LINE} title={category}>
              {category}
            </ListSubheader>
            {members.map(app => (
              <Fragment key={app.pathSegment}>
                <ListItem
                  button
                  component="a"
                  href={`#/${app.pathSegment}`}
                  selected={app.pathSegment === selected}
                  onClick={(event: MouseEvent) => open(event, `/${app.pathSegment}`)}
                  data-testid={`luigi-nav-${app.pathSegment}`}
                >
                  <ListItemText
                    primary={app.label}
                    primaryTypographyProps={{ noWrap: true, title: app.label }}
                    secondary={app.description}
                    style={WRAP}
                  />
                </ListItem>
                {app.pathSegment === selected && <MicroAppChildNav app={app} selectedPath={selectedPath} open={open} />}
              </Fragment>
            ))}
          </ul>
        </li>
      ))}
      {matching > NAV_LIMIT && (
        <li style={{ padding: '8px 16px' }} data-testid="luigi-apps-more">
          <Typography variant="caption" color="textSecondary">
            {`Showing ${NAV_LIMIT} of ${matching.toLocaleString('en-US')} micro apps: type in the filter to find the others.`}
          </Typography>
        </li>
      )}
      {matching === 0 && (
        <li style={{ padding: '8px 16px' }}>
          <Typography variant="caption" color="textSecondary">
            No micro app matches the filter.
          </Typography>
        </li>
      )}
    </List>
  );
}
