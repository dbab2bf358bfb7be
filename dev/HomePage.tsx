import { Content, Header, InfoCard, Page } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { Link } from 'react-router-dom';

/** Another portal page, so leaving the micro apps page and coming back can be tried. */
export function HomePage() {
  return (
    <Page themeId="home">
      <Header title="Home" />
      <Content>
        <InfoCard title="Welcome">
          <Typography data-testid="dev-home">
            This dev portal hosts the sample micro apps. Open <Link to="/luigi">Micro apps</Link> in the sidebar.
          </Typography>
          <Typography>
            Entity pages with a micro frontend tab:{' '}
            <Link to="/catalog/default/component/orders" data-testid="dev-entity-orders">
              Orders
            </Link>{' '}
            (three views and a refused one),{' '}
            <Link to="/catalog/default/component/billing">Billing</Link>; without one:{' '}
            <Link to="/catalog/default/component/plain-service">Plain service</Link>.
          </Typography>
        </InfoCard>
      </Content>
    </Page>
  );
}
