import { Content, Header, InfoCard, Page } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Link } from 'react-router-dom';
import { sampleEntities } from './sampleCatalog';

/**
 * A plain list of the sample entities, standing in for the catalog plugin's index page (which the
 * entity page links back to): that page's MUI v4 header throws on unmount under React's StrictMode,
 * and the dev portal runs in StrictMode on purpose.
 */
export function DevCatalogPage() {
  return (
    <Page themeId="tool">
      <Header title="Catalog" subtitle="Sample entities of the dev portal" />
      <Content>
        <InfoCard title="Entities">
          <ul data-testid="dev-catalog">
            {sampleEntities.map(entity => {
              const { kind, metadata } = entity;
              const namespace = metadata.namespace ?? 'default';
              return (
                <li key={stringifyEntityRef(entity)}>
                  <Link to={`/catalog/${namespace}/${kind.toLocaleLowerCase('en-US')}/${metadata.name}`}>
                    {metadata.title ?? metadata.name}
                  </Link>{' '}
                  ({kind})
                </li>
              );
            })}
          </ul>
        </InfoCard>
      </Content>
    </Page>
  );
}
