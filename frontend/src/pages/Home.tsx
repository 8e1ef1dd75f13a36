/** `/`: no business is known, so there is nothing to sign in to yet. */
import { Page } from '../components/Page';

export function Home() {
  return (
    <Page title="Customer portal" heading="Your customer portal">
      <p>
        To see your jobs, estimates and invoices, open the link your service company sent you by email or text
        message. It takes you to their portal, where you can sign in.
      </p>
      <p>Can't find it? Ask your service company for a link to their customer portal.</p>
    </Page>
  );
}
