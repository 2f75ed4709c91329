import { Link } from '../../components/Link';
import { fr } from '../../i18n/fr';
import { matchPath } from '../../lib/router';
import { CatalogSections } from './CatalogSections';
import { CertificatesSection } from './CertificatesSection';
import { DelegationsSection } from './DelegationsSection';
import { DesksSection } from './DesksSection';
import { frAdmin } from './i18n';
import { ApiKeysSection, WebhooksSection } from './IntegrationSections';
import { TenantsSection } from './TenantsSection';
import { UsersSection } from './UsersSection';

const SECTIONS = [
  { slug: 'utilisateurs', label: frAdmin.nav.users },
  { slug: 'bureaux', label: frAdmin.nav.desks },
  { slug: 'delegations', label: frAdmin.nav.delegations },
  { slug: 'circuits', label: frAdmin.nav.circuits },
  { slug: 'typologies', label: frAdmin.nav.typologies },
  { slug: 'clients-api', label: frAdmin.nav.apiKeys },
  { slug: 'webhooks', label: frAdmin.nav.webhooks },
  { slug: 'certificats', label: frAdmin.nav.certificates },
  { slug: 'collectivites', label: frAdmin.nav.tenants },
] as const;

function Content({ path }: { path: string }) {
  const section = path.split('/')[2] ?? 'utilisateurs';
  switch (section) {
    case 'utilisateurs': return <UsersSection />;
    case 'bureaux': return <DesksSection />;
    case 'delegations': return <DelegationsSection />;
    case 'circuits':
    case 'typologies': return <CatalogSections section={section} item={matchPath(`/admin/${section}/:id`, path)?.id ?? null} />;
    case 'clients-api': return <ApiKeysSection />;
    case 'webhooks': return <WebhooksSection />;
    case 'certificats': return <CertificatesSection />;
    case 'collectivites': return <TenantsSection />;
    default: return <p class="notice">{fr.app.notFound}</p>;
  }
}

/** The administration area: one page per subject, reached from a side menu (a row of tabs on tablets). */
export function AdminPage({ path }: { path: string }) {
  const current = path.split('/')[2] ?? 'utilisateurs';
  return (
    <div class="admin">
      <h1>{frAdmin.title}</h1>
      <div class="admin__layout">
        <nav class="admin__nav" aria-label={frAdmin.sections}>
          {SECTIONS.map((s) => (
            <Link key={s.slug} href={`/admin/${s.slug}`} class="admin__navlink" aria-current={current === s.slug ? 'page' : undefined}>{s.label}</Link>
          ))}
        </nav>
        <div class="admin__content"><Content path={path} /></div>
      </div>
    </div>
  );
}
