import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import ListSubheader from '@material-ui/core/ListSubheader';
import { MouseEvent } from 'react';
import { ChildModal, childNavItems, groupChildren } from '../../catalog/childNav';
import { MicroApp } from '../../catalog/types';
import { ONE_LINE } from './oneLine';

/**
 * The open micro app's child nodes (from its node settings), under headings of their categories,
 * indented below it in the app list (MicroAppNav). Labels are rendered as text, on one line each
 * (the whole label on hover), as in the app list.
 */
export function MicroAppChildNav({
  app,
  selectedPath,
  open,
}: {
  app: MicroApp;
  selectedPath?: string;
  open: (event: MouseEvent, luigiPath: string, modal?: ChildModal) => void;
}) {
  const groups = groupChildren(childNavItems(app));
  if (groups.length === 0) return null;
  return (
    <li>
      <ul style={{ padding: 0 }} aria-label={`${app.label}: views`} data-testid={`luigi-nav-children-${app.pathSegment}`}>
        {groups.map(([category, items]) => [
          category ? (
            <ListSubheader key={`category:${category}`} disableSticky style={{ ...ONE_LINE, paddingLeft: 32 }} title={category}>
              {category}
            </ListSubheader>
          ) : null,
          ...items.map(item => (
            <ListItem
              key={item.luigiPath}
              button
              component="a"
              href={`#${item.luigiPath}`}
              selected={item.luigiPath === selectedPath}
              onClick={(event: MouseEvent) => open(event, item.luigiPath, item.modal)}
              style={{ paddingLeft: 32 }}
              data-testid={`luigi-nav-child-${item.luigiPath.slice(1)}`}
            >
              <ListItemText primary={item.label} primaryTypographyProps={{ noWrap: true, title: item.label }} style={{ minWidth: 0 }} />
            </ListItem>
          )),
        ])}
      </ul>
    </li>
  );
}
