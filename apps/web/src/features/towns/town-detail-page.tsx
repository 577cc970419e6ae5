import { BankOutlined, EditOutlined, ShopOutlined, TeamOutlined } from '@ant-design/icons';
import type { Enterprise } from '@innotown/contracts/enterprises';
import type { Institution } from '@innotown/contracts/institutions';
import type { Town } from '@innotown/contracts/towns';
import { Button, Card, Col, Descriptions, Flex, Row, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { ListTable } from '../../app/ui/list-table.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { EnterpriseFlags } from '../enterprises/enterprise-flags.tsx';
import { useEnterprises } from '../enterprises/enterprises-api.ts';
import { InstitutionLevelTag, InstitutionTypeTag } from '../institutions/institution-tags.tsx';
import { useInstitutions } from '../institutions/institutions-api.ts';
import { TownFormDrawer } from './town-form-drawer.tsx';
import { useTown } from './towns-api.ts';

// The town's institutions and enterprises are short side lists: ten rows, no total and no page sizes,
// and no pager at all when ten rows hold them.
const SIDE_LIST_PAGE_SIZE = 10;
const SIDE_LIST_PAGER = { hideOnSinglePage: true, showSizeChanger: false, showTotal: undefined };

function TownInstitutions({ town }: { town: Town }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useInstitutions({ townId: town.id, page, pageSize: SIDE_LIST_PAGE_SIZE });
  return (
    <Card title={t('towns.institutionsInTown')}>
      <ListTable<Institution>
        list={list}
        page={page}
        pageSize={SIDE_LIST_PAGE_SIZE}
        onPageChange={setPage}
        pagination={SIDE_LIST_PAGER}
        size="small"
        columns={[
          {
            title: t('institutions.name'),
            dataIndex: 'name',
            render: (name: string, row) => <Link to={`/institutions/${row.id}`}>{name}</Link>,
          },
          {
            title: t('institutions.type'),
            dataIndex: 'type',
            render: (type: Institution['type']) => <InstitutionTypeTag type={type} />,
          },
          {
            title: t('institutions.level'),
            dataIndex: 'level',
            render: (level: Institution['level']) => <InstitutionLevelTag level={level} />,
          },
        ]}
      />
    </Card>
  );
}

function TownEnterprises({ town }: { town: Town }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useEnterprises({ townId: town.id, page, pageSize: SIDE_LIST_PAGE_SIZE, sort: 'name', order: 'asc' });
  return (
    <Card title={t('towns.enterprisesInTown')} extra={<Link to={`/enterprises?townId=${town.id}`}>{t('common.viewAll')}</Link>}>
      <ListTable<Enterprise>
        list={list}
        page={page}
        pageSize={SIDE_LIST_PAGE_SIZE}
        onPageChange={setPage}
        pagination={SIDE_LIST_PAGER}
        size="small"
        columns={[
          {
            title: t('enterprises.name'),
            dataIndex: 'name',
            render: (name: string, row) => <Link to={`/enterprises/${row.id}`}>{name}</Link>,
          },
          { title: t('enterprises.industryCode'), dataIndex: 'industryCode' },
          { title: t('enterprises.flags'), key: 'flags', render: (_value, row) => <EnterpriseFlags enterprise={row} /> },
        ]}
      />
    </Card>
  );
}

export function TownDetailPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const query = useTown(id);
  const [editing, setEditing] = useState(false);
  const english = i18n.language === 'en-US';

  return (
    <QueryState query={query}>
      {(town) => {
        const seesEnterprises = me?.role === 'city_admin' || (me?.role === 'town_admin' && me.scope.townId === town.id);
        return (
          <>
            <PageHeader
              title={
                <Flex align="center" gap={12} wrap>
                  <span data-testid="town-name">{english ? town.nameEn : town.name}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 16, fontWeight: 400 }}>
                    {english ? town.name : town.nameEn}
                  </Typography.Text>
                  <Tag>{t(`towns.kinds.${town.kind}`)}</Tag>
                </Flex>
              }
              extra={
                <>
                  <Link to="/towns">
                    <Button>{t('common.back')}</Button>
                  </Link>
                  {me?.role === 'city_admin' ? (
                    <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                      {t('common.edit')}
                    </Button>
                  ) : null}
                </>
              }
            />
            <Flex vertical gap={16}>
              <Row gutter={[16, 16]}>
                <Col xs={24} md={8}>
                  <Card>
                    <Statistic title={t('towns.enterpriseCount')} value={town.enterpriseCount} prefix={<ShopOutlined />} />
                  </Card>
                </Col>
                <Col xs={24} md={8}>
                  <Card>
                    <Statistic title={t('towns.institutionCount')} value={town.institutionCount} prefix={<BankOutlined />} />
                  </Card>
                </Col>
                <Col xs={24} md={8}>
                  <Card>
                    <Statistic title={t('towns.population')} value={town.population ?? t('common.none')} prefix={<TeamOutlined />} />
                  </Card>
                </Col>
              </Row>
              <Card>
                <Descriptions
                  column={{ xs: 1, md: 2, xl: 3 }}
                  items={[
                    { key: 'code', label: t('towns.code'), children: town.code },
                    { key: 'name', label: t('towns.name'), children: town.name },
                    { key: 'nameEn', label: t('towns.nameEn'), children: town.nameEn },
                    {
                      key: 'industries',
                      label: t('towns.industries'),
                      span: 'filled',
                      children:
                        town.industries.length === 0 ? (
                          t('common.none')
                        ) : (
                          <Flex gap={4} wrap>
                            {town.industries.map((industry) => (
                              <Tag key={industry} color="blue">
                                {industry}
                              </Tag>
                            ))}
                          </Flex>
                        ),
                    },
                    {
                      key: 'coordinates',
                      label: `${t('towns.longitude')} / ${t('towns.latitude')}`,
                      children:
                        town.longitude !== null && town.latitude !== null
                          ? `${town.longitude.toFixed(4)}, ${town.latitude.toFixed(4)}`
                          : t('common.none'),
                    },
                    {
                      key: 'description',
                      label: t('towns.description'),
                      span: { xs: 1, md: 2, xl: 3 },
                      children: (
                        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                          {town.description ?? t('common.none')}
                        </Typography.Paragraph>
                      ),
                    },
                  ]}
                />
              </Card>
              <Row gutter={[16, 16]}>
                <Col xs={24} xl={seesEnterprises ? 12 : 24}>
                  <TownInstitutions town={town} />
                </Col>
                {seesEnterprises ? (
                  <Col xs={24} xl={12}>
                    <TownEnterprises town={town} />
                  </Col>
                ) : null}
              </Row>
            </Flex>
            <TownFormDrawer open={editing} town={town} onClose={() => setEditing(false)} />
          </>
        );
      }}
    </QueryState>
  );
}
