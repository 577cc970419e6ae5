import { EditOutlined } from '@ant-design/icons';
import type { Me } from '@innotown/contracts/auth';
import type { Institution } from '@innotown/contracts/institutions';
import { Button, Card, Descriptions, Flex, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDateTime } from '../../app/format/datetime.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { useTownName } from '../towns/use-town-name.ts';
import { InstitutionFormModal, type InstitutionFormMode } from './institution-form-modal.tsx';
import { InstitutionLevelTag, InstitutionTypeTag } from './institution-tags.tsx';
import { useInstitution } from './institutions-api.ts';

function editModeFor(me: Me | null, institution: Institution): InstitutionFormMode | null {
  if (!me) return null;
  if (me.role === 'city_admin') return 'edit';
  if ((me.role === 'provider' || me.role === 'financier') && me.scope.institutionId === institution.id) return 'profile';
  return null;
}

/** Only http(s) websites become links; anything else is shown as text. */
function safeWebsite(url: string | null): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

function InstitutionView({ id, own = false }: { id: string; own?: boolean }) {
  const { t } = useTranslation();
  const townName = useTownName();
  const { me } = useAuth();
  const query = useInstitution(id);
  const [editing, setEditing] = useState(false);

  return (
    <QueryState query={query}>
      {(institution) => {
        const mode = editModeFor(me, institution);
        const website = safeWebsite(institution.website);
        return (
          <>
            <PageHeader
              title={
                <Flex align="center" gap={12} wrap>
                  <span data-testid="institution-name">{institution.name}</span>
                  <InstitutionTypeTag type={institution.type} />
                  <InstitutionLevelTag level={institution.level} />
                </Flex>
              }
              subtitle={own ? t('institutions.myTitle') : townName(institution)}
              extra={
                <>
                  {!own ? (
                    <Link to="/institutions">
                      <Button>{t('common.back')}</Button>
                    </Link>
                  ) : null}
                  {mode ? (
                    <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                      {t('common.edit')}
                    </Button>
                  ) : null}
                </>
              }
            />
            <Card>
              <Descriptions
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: 'type', label: t('institutions.type'), children: t(`institutions.types.${institution.type}`) },
                  {
                    key: 'level',
                    label: t('institutions.level'),
                    children: t(`institutions.levels.${institution.level}`),
                  },
                  {
                    key: 'town',
                    label: t('institutions.town'),
                    children: <Link to={`/towns/${institution.townId}`}>{townName(institution)}</Link>,
                  },
                  {
                    key: 'creditCode',
                    label: t('institutions.creditCode'),
                    children: institution.creditCode ? (
                      <Typography.Text style={{ fontFamily: 'monospace' }}>{institution.creditCode}</Typography.Text>
                    ) : (
                      t('common.none')
                    ),
                  },
                  {
                    key: 'website',
                    label: t('institutions.website'),
                    children: website ? (
                      <a href={website} target="_blank" rel="noopener noreferrer nofollow">
                        {website}
                      </a>
                    ) : (
                      (institution.website ?? t('common.none'))
                    ),
                  },
                  { key: 'updatedAt', label: t('common.updatedAt'), children: formatDateTime(institution.updatedAt) },
                  {
                    key: 'description',
                    label: t('institutions.description'),
                    span: 'filled',
                    children: (
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                        {institution.description ?? t('common.none')}
                      </Typography.Paragraph>
                    ),
                  },
                ]}
              />
            </Card>
            {mode ? <InstitutionFormModal open={editing} mode={mode} institution={institution} onClose={() => setEditing(false)} /> : null}
          </>
        );
      }}
    </QueryState>
  );
}

export function InstitutionDetailPage() {
  const { id } = useParams();
  return id ? <InstitutionView key={id} id={id} /> : null;
}

/** A provider's or financier's own institution. */
export function MyInstitutionPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const id = me?.scope.institutionId;
  if (!id) return <Result status="info" title={t('institutions.myTitle')} subTitle={t('institutions.notBound')} />;
  return <InstitutionView id={id} own />;
}
