import { parseViewsAnnotation, viewSlug } from './viewsAnnotation';

describe('parseViewsAnnotation', () => {
  it('reads one Label=URL per line, as a YAML block scalar gives it', () => {
    expect(
      parseViewsAnnotation('Overview=https://apps.example.com/a/\nSettings = https://apps.example.com/b/?x=1&y=2\n'),
    ).toEqual({
      entries: [
        { label: 'Overview', url: 'https://apps.example.com/a/' },
        { label: 'Settings', url: 'https://apps.example.com/b/?x=1&y=2' },
      ],
      errors: [],
    });
  });

  it('reads entries on one line separated by a comma and a space, keeping commas inside URLs', () => {
    expect(
      parseViewsAnnotation('Overview=https://apps.example.com/a/?ids=1,2, Settings=https://apps.example.com/b/,').entries,
    ).toEqual([
      { label: 'Overview', url: 'https://apps.example.com/a/?ids=1,2' },
      { label: 'Settings', url: 'https://apps.example.com/b/' },
    ]);
  });

  it('splits only at the first "=", so URLs may carry query parameters', () => {
    expect(parseViewsAnnotation('Q=https://apps.example.com/q?a=b=c').entries).toEqual([
      { label: 'Q', url: 'https://apps.example.com/q?a=b=c' },
    ]);
  });

  it('reports entries it cannot read and keeps the others', () => {
    const { entries, errors } = parseViewsAnnotation(
      'https://apps.example.com/a/\n=https://apps.example.com/b/\nEmpty=\nGood=https://apps.example.com/c/',
    );
    expect(entries).toEqual([{ label: 'Good', url: 'https://apps.example.com/c/' }]);
    expect(errors.map(e => e.reason)).toEqual([
      '"https://apps.example.com/a/" is not of the form Label=https://…',
      '"=https://apps.example.com/b/" has no label before "="',
      'the view "Empty" has no URL after "="',
    ]);
  });

  it.each([[undefined], [null], [''], ['  \n ']])('reads nothing from %p', raw => {
    expect(parseViewsAnnotation(raw)).toEqual({ entries: [], errors: [] });
  });

  it.each([[42], [['A=https://apps.example.com/a/']], [{ A: 'https://apps.example.com/a/' }]])(
    'reports a value that is not a string: %p',
    raw => {
      expect(parseViewsAnnotation(raw)).toEqual({
        entries: [],
        errors: [{ text: 'luigi-project.io/views', reason: 'the views annotation is not a string of Label=URL lines' }],
      });
    },
  );
});

describe('viewSlug', () => {
  it.each([
    ['Settings', 'settings'],
    ['Build & Deploy', 'build-deploy'],
    ['  Übersicht ', 'ubersicht'],
    ['v2 API', 'v2-api'],
    ['日本語', ''],
  ])('%s → %s', (label, slug) => {
    expect(viewSlug(label)).toBe(slug);
  });
});
