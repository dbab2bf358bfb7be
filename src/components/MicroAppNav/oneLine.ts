/**
 * Entity text on one line, cut with an ellipsis: a long title neither widens the list nor pushes
 * the items below it down. Whoever uses it also sets the full text as the element's `title`, so it
 * shows on hover.
 */
export const ONE_LINE = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 } as const;
