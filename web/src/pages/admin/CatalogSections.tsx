import { ErrorNotice } from '../../components/ErrorNotice';
import { Link } from '../../components/Link';
import { formatDate } from '../../lib/format';
import { listCircuits, listTypologies } from './api';
import { CircuitEditor } from './CircuitEditor';
import { frAdmin } from './i18n';
import { Section, useLoad } from './shared';
import { TypologyEditor } from './TypologyEditor';

export function CircuitsSection() {
  const circuits = useLoad(listCircuits);
  const t = frAdmin.circuits;
  return (
    <Section title={t.title} id="circuit-list" actions={<Link href="/admin/circuits/nouveau" class="button button--primary">{t.create}</Link>}>
      <ErrorNotice error={circuits.error} />
      {circuits.data?.length === 0 && <p class="empty">{t.empty}</p>}
      <ul class="admin-list" data-testid="circuit-list">
        {circuits.data?.map((c) => (
          <li key={c.id} class="admin-row">
            <div class="admin-row__main"><strong>{c.name}</strong><span class="muted">{t.version(c.currentVersion)} · {formatDate(c.updatedAt)}</span></div>
            <div class="admin-row__actions"><Link href={`/admin/circuits/${c.id}`} class="button button--secondary" aria-label={`${t.open} ${c.name}`}>{t.open}</Link></div>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function TypologiesSection() {
  const typologies = useLoad(listTypologies);
  const circuits = useLoad(listCircuits);
  const names = new Map((circuits.data ?? []).map((c) => [c.id, c.name]));
  const t = frAdmin.typologies;
  return (
    <Section title={t.title} id="typology-list" actions={<Link href="/admin/typologies/nouvelle" class="button button--primary">{t.create}</Link>}>
      <ErrorNotice error={typologies.error} />
      {typologies.data?.length === 0 && <p class="empty">{t.empty}</p>}
      <ul class="admin-list" data-testid="typology-list">
        {typologies.data?.map((ty) => (
          <li key={ty.id} class={`admin-row${ty.active ? '' : ' admin-row--off'}`}>
            <div class="admin-row__main">
              <strong>{ty.type} / {ty.subtype}</strong>
              <span class="muted">{t.circuit} : {names.get(ty.circuitId) ?? '…'} · {ty.level} · {ty.metadataSchema.fields.length} {t.fields.toLowerCase()}</span>
            </div>
            <div class="admin-row__actions"><Link href={`/admin/typologies/${ty.id}`} class="button button--secondary" aria-label={`${t.open} ${ty.type} / ${ty.subtype}`}>{t.open}</Link></div>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** Circuits and typologies: the list, or one item (`nouveau`/`nouvelle` for a new one). */
export function CatalogSections({ section, item }: { section: 'circuits' | 'typologies'; item: string | null }) {
  if (!item) return section === 'circuits' ? <CircuitsSection /> : <TypologiesSection />;
  const id = item === 'nouveau' || item === 'nouvelle' ? null : item;
  return section === 'circuits' ? <CircuitEditor key={item} id={id} /> : <TypologyEditor key={item} id={id} />;
}
