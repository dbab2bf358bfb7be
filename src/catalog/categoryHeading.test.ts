import { groupByCategory } from './buildMicroApps';
import { categoryHeading } from './categoryHeading';
import { groupChildren } from './childNav';
import { MicroApp } from './types';

const app = (pathSegment: string, category: string) => ({ pathSegment, category }) as MicroApp;

describe('categoryHeading', () => {
  it.each([
    ['commerce', 'Commerce'],
    ['Finance', 'Finance'],
    ['broken examples', 'Broken examples'],
    ['éclair', 'Éclair'],
    ['𝒶bc', '𝒶bc'],
    ['<svg onload=x>', '<svg onload=x>'],
    ['', ''],
  ])('shows %j as %j', (category, heading) => {
    expect(categoryHeading(category)).toBe(heading);
  });

  it('upper-cases only the first letter, keeping the rest as written', () => {
    expect(categoryHeading('iOS apps')).toBe('IOS apps');
    expect(categoryHeading('sAP')).toBe('SAP');
  });

  it('groups categories differing only in the first letter under one heading', () => {
    const groups = groupByCategory([app('a', 'commerce'), app('b', 'Commerce'), app('c', 'Finance')]);
    expect(groups.map(([heading, members]) => [heading, members.map(m => m.pathSegment)])).toEqual([
      ['Commerce', ['a', 'b']],
      ['Finance', ['c']],
    ]);
    // The app keeps its category as written: only the heading is shown differently.
    expect(groups[0][1][0].category).toBe('commerce');
  });

  it("capitalises child nodes' category headings too", () => {
    const groups = groupChildren([
      { luigiPath: '/o/a', label: 'A', category: 'lists' },
      { luigiPath: '/o/b', label: 'B', category: 'Lists' },
      { luigiPath: '/o/c', label: 'C' },
    ]);
    expect(groups.map(([heading]) => heading)).toEqual(['', 'Lists']);
  });
});
