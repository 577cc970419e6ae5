import { Flex, Spin } from 'antd';
import { type ComponentType, lazy, Suspense, useEffect, useRef } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import { setSessionLostHandler } from './api-client.ts';
import { useAuth } from './auth/auth-context.tsx';
import { RequireRole } from './auth/require-role.tsx';

/** React.lazy for a module's named export, so pages keep named exports and each route is its own chunk. */
function lazyPage<M extends Record<K, ComponentType>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const ShowcasePage = lazyPage(() => import('../features/ip-trading/ip-market-pages.tsx'), 'ShowcasePage');
const ListingPage = lazyPage(() => import('../features/ip-trading/ip-market-pages.tsx'), 'ListingPage');
const MyIpPage = lazyPage(() => import('../features/ip-trading/ip-manage-pages.tsx'), 'MyIpPage');
const IpReviewPage = lazyPage(() => import('../features/ip-trading/ip-manage-pages.tsx'), 'IpReviewPage');
const IpOffersPage = lazyPage(() => import('../features/ip-trading/ip-deal-pages.tsx'), 'OffersPage');
const OfferThreadPage = lazyPage(() => import('../features/ip-trading/ip-deal-pages.tsx'), 'OfferThreadPage');
const IpDealsPage = lazyPage(() => import('../features/ip-trading/ip-deal-pages.tsx'), 'DealsPage');
const IpDealPage = lazyPage(() => import('../features/ip-trading/ip-deal-pages.tsx'), 'DealPage');
const OpenLicencesPage = lazyPage(() => import('../features/ip-trading/open-licences-page.tsx'), 'OpenLicencesPage');
const IpStatisticsPage = lazyPage(() => import('../features/ip-trading/ip-statistics-page.tsx'), 'IpStatisticsPage');
const AppLayout = lazyPage(() => import('./layout/app-layout.tsx'), 'AppLayout');
const LoginPage = lazyPage(() => import('../features/auth/login-page.tsx'), 'LoginPage');
const RegisterPage = lazyPage(() => import('../features/auth/register-page.tsx'), 'RegisterPage');
const ChangePasswordPage = lazyPage(() => import('../features/auth/change-password-page.tsx'), 'ChangePasswordPage');
const AccountSecurityPage = lazyPage(() => import('../features/auth/account-security-page.tsx'), 'AccountSecurityPage');
const HomePage = lazyPage(() => import('../features/home/home-page.tsx'), 'HomePage');
const TownsPage = lazyPage(() => import('../features/towns/towns-page.tsx'), 'TownsPage');
const TownDetailPage = lazyPage(() => import('../features/towns/town-detail-page.tsx'), 'TownDetailPage');
const EnterprisesPage = lazyPage(() => import('../features/enterprises/enterprises-page.tsx'), 'EnterprisesPage');
const EnterpriseDetailPage = lazyPage(() => import('../features/enterprises/enterprise-detail-page.tsx'), 'EnterpriseDetailPage');
const MyEnterprisePage = lazyPage(() => import('../features/enterprises/enterprise-detail-page.tsx'), 'MyEnterprisePage');
const InstitutionsPage = lazyPage(() => import('../features/institutions/institutions-page.tsx'), 'InstitutionsPage');
const InstitutionDetailPage = lazyPage(() => import('../features/institutions/institution-detail-page.tsx'), 'InstitutionDetailPage');
const MyInstitutionPage = lazyPage(() => import('../features/institutions/institution-detail-page.tsx'), 'MyInstitutionPage');
const UsersPage = lazyPage(() => import('../features/users/users-page.tsx'), 'UsersPage');
const AuditPage = lazyPage(() => import('../features/audit/audit-page.tsx'), 'AuditPage');
const HolidaysPage = lazyPage(() => import('../features/holidays/holidays-page.tsx'), 'HolidaysPage');
const ResourcesPage = lazyPage(() => import('../features/resources/resources-page.tsx'), 'ResourcesPage');
const ResourceDetailPage = lazyPage(() => import('../features/resources/resource-detail-page.tsx'), 'ResourceDetailPage');
const MyResourcesPage = lazyPage(() => import('../features/resources/resource-manage-pages.tsx'), 'MyResourcesPage');
const ResourceReviewPage = lazyPage(() => import('../features/resources/resource-manage-pages.tsx'), 'ResourceReviewPage');
const NewResourcePage = lazyPage(() => import('../features/resources/resource-form-page.tsx'), 'NewResourcePage');
const EditResourcePage = lazyPage(() => import('../features/resources/resource-form-page.tsx'), 'EditResourcePage');
const MyBookingsPage = lazyPage(() => import('../features/bookings/bookings-pages.tsx'), 'MyBookingsPage');
const BookingQueuePage = lazyPage(() => import('../features/bookings/bookings-pages.tsx'), 'BookingQueuePage');
const BookingDetailPage = lazyPage(() => import('../features/bookings/booking-detail-page.tsx'), 'BookingDetailPage');
const InstrumentCalendarPage = lazyPage(() => import('../features/bookings/instrument-calendar-page.tsx'), 'InstrumentCalendarPage');
const SharingStatisticsPage = lazyPage(() => import('../features/sharing-statistics/sharing-statistics-page.tsx'), 'SharingStatisticsPage');
const VouchersPage = lazyPage(() => import('../features/vouchers/vouchers-page.tsx'), 'VouchersPage');
const VoucherReportsPage = lazyPage(() => import('../features/voucher-reports/voucher-reports-page.tsx'), 'VoucherReportsPage');
const TargetReportPage = lazyPage(() => import('../features/target-report/target-report-page.tsx'), 'TargetReportPage');
const PatentImportPage = lazyPage(() => import('../features/patent-import/patent-import-page.tsx'), 'PatentImportPage');
const PatentLandscapePage = lazyPage(() => import('../features/patent-landscape/patent-landscape-page.tsx'), 'PatentLandscapePage');
const InnovationMapPage = lazyPage(() => import('../features/voucher-reports/innovation-map-page.tsx'), 'InnovationMapPage');
const FundingPage = lazyPage(() => import('../features/funding/funding-page.tsx'), 'FundingPage');
const TargetsOverviewPage = lazyPage(() => import('../features/targets/targets-overview-page.tsx'), 'TargetsOverviewPage');
const TownComparisonPage = lazyPage(() => import('../features/targets/town-comparison-page.tsx'), 'TownComparisonPage');
const TownTargetPage = lazyPage(() => import('../features/targets/town-target-page.tsx'), 'TownTargetPage');
const MethodologyPage = lazyPage(() => import('../features/targets/methodology-page.tsx'), 'MethodologyPage');
const ProgrammeFormPage = lazyPage(() => import('../features/vouchers/programme-form-page.tsx'), 'ProgrammeFormPage');
const ProgrammeDashboardPage = lazyPage(() => import('../features/vouchers/programme-dashboard-page.tsx'), 'ProgrammeDashboardPage');
const ApplicationsPage = lazyPage(() => import('../features/vouchers/applications-page.tsx'), 'ApplicationsPage');
const ApplicationFormPage = lazyPage(() => import('../features/vouchers/application-form-page.tsx'), 'ApplicationFormPage');
const ApplicationDetailPage = lazyPage(() => import('../features/vouchers/application-detail-page.tsx'), 'ApplicationDetailPage');
const WalletPage = lazyPage(() => import('../features/vouchers/wallet-page.tsx'), 'WalletPage');
const VoucherClaimsPage = lazyPage(() => import('../features/voucher-claims/voucher-claims-pages.tsx'), 'VoucherClaimsPage');
const VoucherClaimDetailPage = lazyPage(() => import('../features/voucher-claims/voucher-claims-pages.tsx'), 'VoucherClaimDetailPage');
const PurchaseReviewsPage = lazyPage(() => import('../features/sharing-statistics/purchase-reviews-pages.tsx'), 'PurchaseReviewsPage');
const PurchaseReviewDetailPage = lazyPage(
  () => import('../features/sharing-statistics/purchase-reviews-pages.tsx'),
  'PurchaseReviewDetailPage',
);
const ServiceMarketplacePage = lazyPage(() => import('../features/services/service-marketplace-page.tsx'), 'ServiceMarketplacePage');
const ServiceDetailPage = lazyPage(() => import('../features/services/service-detail-page.tsx'), 'ServiceDetailPage');
const ServiceProviderPage = lazyPage(() => import('../features/services/service-provider-page.tsx'), 'ServiceProviderPage');
const MyServicesPage = lazyPage(() => import('../features/services/my-services-page.tsx'), 'MyServicesPage');
const IpCasesPage = lazyPage(() => import('../features/ip-cases/ip-cases-page.tsx'), 'IpCasesPage');
const IpCaseDetailPage = lazyPage(() => import('../features/ip-cases/ip-case-detail-page.tsx'), 'IpCaseDetailPage');
const IpCaseSlaPage = lazyPage(() => import('../features/ip-cases/ip-case-sla-page.tsx'), 'IpCaseSlaPage');
const PreExamPage = lazyPage(() => import('../features/pre-examination/pre-exam-page.tsx'), 'PreExamPage');
const PreExamDetailPage = lazyPage(() => import('../features/pre-examination/pre-exam-detail-page.tsx'), 'PreExamDetailPage');
const CycleTimePage = lazyPage(() => import('../features/pre-examination/cycle-time-page.tsx'), 'CycleTimePage');
const RequirementsPage = lazyPage(() => import('../features/service-requirements/requirements-page.tsx'), 'RequirementsPage');
const RequirementDetailPage = lazyPage(
  () => import('../features/service-requirements/requirement-detail-page.tsx'),
  'RequirementDetailPage',
);
const AllianceReviewPage = lazyPage(() => import('../features/services/my-services-page.tsx'), 'AllianceReviewPage');
const OrdersPage = lazyPage(() => import('../features/service-orders/orders-page.tsx'), 'OrdersPage');
const OrderDetailPage = lazyPage(() => import('../features/service-orders/order-detail-page.tsx'), 'OrderDetailPage');
const SubmissionsPage = lazyPage(() => import('../features/target-submissions/submissions-page.tsx'), 'SubmissionsPage');
const SubmissionDetailPage = lazyPage(() => import('../features/target-submissions/submission-detail-page.tsx'), 'SubmissionDetailPage');
const NewSubmissionPage = lazyPage(() => import('../features/target-submissions/submission-detail-page.tsx'), 'NewSubmissionPage');
const IndicatorsPage = lazyPage(() => import('../features/indicators/indicators-page.tsx'), 'IndicatorsPage');
const IndicatorFormPage = lazyPage(() => import('../features/indicators/indicator-form-page.tsx'), 'IndicatorFormPage');
const PatentSearchPage = lazyPage(() => import('../features/patents/patent-search-page.tsx'), 'PatentSearchPage');
const PatentDetailPage = lazyPage(() => import('../features/patents/patent-detail-page.tsx'), 'PatentDetailPage');
const PatentPortfolioPage = lazyPage(() => import('../features/patents/patent-portfolio-page.tsx'), 'PatentPortfolioPage');
const NotFoundPage = lazyPage(() => import('./errors/not-found-result.tsx'), 'NotFoundPage');

function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Waits for the session, and sends the user to the login page when the server says the session is gone. */
function Root() {
  const { me, loading, expire } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const state = useRef({ me, location });
  state.current = { me, location };

  useEffect(() => {
    setSessionLostHandler(() => {
      const { me: current, location: here } = state.current;
      if (!current || here.pathname === '/login') return;
      const next = encodeURIComponent(`${here.pathname}${here.search}`);
      navigate(`/login?next=${next}`, { replace: true });
      expire();
    });
    return () => setSessionLostHandler(null);
  }, [expire, navigate]);

  if (loading) return <FullPageSpin />;
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Outlet />
    </Suspense>
  );
}

/** Enterprise users see only their own record, which lives at /my/enterprise. */
function EnterprisesRoute() {
  const { me } = useAuth();
  if (me?.role === 'enterprise') return <Navigate to="/my/enterprise" replace />;
  return (
    <RequireRole roles={['city_admin', 'town_admin']}>
      <EnterprisesPage />
    </RequireRole>
  );
}

/** The route table; each page is its own lazily loaded chunk. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Root />}>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/register" element={<RegisterPage />} />
        <Route element={<AppLayout />}>
          <Route index element={<HomePage />} />
          <Route path="towns" element={<TownsPage />} />
          <Route path="towns/:id" element={<TownDetailPage />} />
          <Route path="enterprises" element={<EnterprisesRoute />} />
          <Route
            path="enterprises/:id"
            element={
              <RequireRole>
                <EnterpriseDetailPage />
              </RequireRole>
            }
          />
          <Route
            path="my/enterprise"
            element={
              <RequireRole roles={['enterprise']}>
                <MyEnterprisePage />
              </RequireRole>
            }
          />
          <Route path="institutions" element={<InstitutionsPage />} />
          <Route path="institutions/:id" element={<InstitutionDetailPage />} />
          <Route
            path="my/institution"
            element={
              <RequireRole roles={['provider', 'financier']}>
                <MyInstitutionPage />
              </RequireRole>
            }
          />
          <Route path="patents" element={<PatentSearchPage />} />
          <Route
            path="patents/portfolio"
            element={
              <RequireRole roles={['enterprise', 'town_admin', 'city_admin']}>
                <PatentPortfolioPage />
              </RequireRole>
            }
          />
          <Route path="patents/:id" element={<PatentDetailPage />} />
          <Route path="resources" element={<ResourcesPage />} />
          <Route path="resources/:id" element={<ResourceDetailPage />} />
          <Route
            path="my/resources"
            element={
              <RequireRole roles={['provider']}>
                <MyResourcesPage />
              </RequireRole>
            }
          />
          <Route
            path="my/resources/new"
            element={
              <RequireRole roles={['provider']}>
                <NewResourcePage />
              </RequireRole>
            }
          />
          <Route
            path="my/resources/:id/edit"
            element={
              <RequireRole roles={['provider']}>
                <EditResourcePage />
              </RequireRole>
            }
          />
          <Route
            path="admin/resources"
            element={
              <RequireRole roles={['city_admin']}>
                <MyResourcesPage />
              </RequireRole>
            }
          />
          <Route
            path="review/resources"
            element={
              <RequireRole roles={['town_admin', 'city_admin']}>
                <ResourceReviewPage />
              </RequireRole>
            }
          />
          <Route path="resources/:id/calendar" element={<InstrumentCalendarPage />} />
          <Route
            path="my/bookings"
            element={
              <RequireRole roles={['enterprise']}>
                <MyBookingsPage />
              </RequireRole>
            }
          />
          <Route
            path="bookings/queue"
            element={
              <RequireRole roles={['provider']}>
                <BookingQueuePage />
              </RequireRole>
            }
          />
          <Route
            path="bookings/:id"
            element={
              <RequireRole>
                <BookingDetailPage />
              </RequireRole>
            }
          />
          <Route
            path="ip-cases"
            element={
              <RequireRole roles={['city_admin', 'provider', 'enterprise']}>
                <IpCasesPage />
              </RequireRole>
            }
          />
          <Route
            path="ip-cases/sla"
            element={
              <RequireRole roles={['city_admin', 'provider']}>
                <IpCaseSlaPage />
              </RequireRole>
            }
          />
          <Route
            path="ip-cases/:id"
            element={
              <RequireRole roles={['city_admin', 'provider', 'enterprise']}>
                <IpCaseDetailPage />
              </RequireRole>
            }
          />
          <Route
            path="pre-examination"
            element={
              <RequireRole roles={['city_admin', 'provider', 'enterprise']}>
                <PreExamPage />
              </RequireRole>
            }
          />
          <Route
            path="pre-examination/cycle-times"
            element={
              <RequireRole roles={['city_admin', 'provider']}>
                <CycleTimePage />
              </RequireRole>
            }
          />
          <Route
            path="pre-examination/:id"
            element={
              <RequireRole roles={['city_admin', 'provider', 'enterprise']}>
                <PreExamDetailPage />
              </RequireRole>
            }
          />
          <Route
            path="requirements"
            element={
              <RequireRole roles={['city_admin', 'town_admin', 'provider', 'enterprise']}>
                <RequirementsPage />
              </RequireRole>
            }
          />
          <Route
            path="requirements/:id"
            element={
              <RequireRole roles={['city_admin', 'town_admin', 'provider', 'enterprise']}>
                <RequirementDetailPage />
              </RequireRole>
            }
          />
          <Route
            path="sharing-statistics"
            element={
              <RequireRole roles={['city_admin', 'town_admin', 'provider']}>
                <SharingStatisticsPage />
              </RequireRole>
            }
          />
          <Route
            path="purchase-reviews"
            element={
              <RequireRole roles={['city_admin', 'town_admin', 'provider']}>
                <PurchaseReviewsPage />
              </RequireRole>
            }
          />
          <Route
            path="purchase-reviews/:id"
            element={
              <RequireRole roles={['city_admin', 'town_admin', 'provider']}>
                <PurchaseReviewDetailPage />
              </RequireRole>
            }
          />
          <Route
            path="vouchers"
            element={
              <RequireRole>
                <VouchersPage />
              </RequireRole>
            }
          />
          <Route
            path="vouchers/reports"
            element={
              <RequireRole roles={['city_admin', 'town_admin']}>
                <VoucherReportsPage />
              </RequireRole>
            }
          />
          <Route
            path="targets/report"
            element={
              <RequireRole roles={['city_admin', 'town_admin']}>
                <TargetReportPage />
              </RequireRole>
            }
          />
          <Route
            path="patents/import"
            element={
              <RequireRole roles={['city_admin']}>
                <PatentImportPage />
              </RequireRole>
            }
          />
          <Route path="innovation-map" element={<InnovationMapPage />} />
          <Route path="patents/landscape" element={<PatentLandscapePage />} />
          <Route path="targets" element={<TargetsOverviewPage />} />
          <Route path="targets/towns" element={<TownComparisonPage />} />
          <Route path="targets/towns/:code" element={<TownTargetPage />} />
          <Route path="targets/methodology" element={<MethodologyPage />} />
          <Route
            path="funding"
            element={
              <RequireRole roles={['city_admin', 'town_admin']}>
                <FundingPage />
              </RequireRole>
            }
          />
          <Route
            path="vouchers/programmes/new"
            element={
              <RequireRole roles={['city_admin']}>
                <ProgrammeFormPage />
              </RequireRole>
            }
          />
          <Route
            path="vouchers/claims"
            element={
              <RequireRole roles={['city_admin', 'town_admin', 'provider', 'enterprise']}>
                <VoucherClaimsPage />
              </RequireRole>
            }
          />
          <Route
            path="vouchers/programmes/:id"
            element={
              <RequireRole>
                <ProgrammeDashboardPage />
              </RequireRole>
            }
          />
          <Route
            path="vouchers/applications"
            element={
              <RequireRole roles={['city_admin', 'town_admin', 'enterprise']}>
                <ApplicationsPage />
              </RequireRole>
            }
          />
          <Route
            path="vouchers/applications/new"
            element={
              <RequireRole roles={['enterprise']}>
                <ApplicationFormPage />
              </RequireRole>
            }
          />
          <Route
            path="vouchers/applications/:id"
            element={
              <RequireRole roles={['city_admin', 'town_admin', 'enterprise']}>
                <ApplicationDetailPage />
              </RequireRole>
            }
          />
          <Route
            path="vouchers/wallet"
            element={
              <RequireRole roles={['city_admin', 'town_admin', 'enterprise']}>
                <WalletPage />
              </RequireRole>
            }
          />
          <Route
            path="vouchers/claims/:id"
            element={
              <RequireRole roles={['city_admin', 'town_admin', 'provider', 'enterprise']}>
                <VoucherClaimDetailPage />
              </RequireRole>
            }
          />
          <Route
            path="targets/submissions"
            element={
              <RequireRole roles={['city_admin', 'town_admin']}>
                <SubmissionsPage />
              </RequireRole>
            }
          />
          <Route
            path="targets/submissions/new"
            element={
              <RequireRole roles={['town_admin']}>
                <NewSubmissionPage />
              </RequireRole>
            }
          />
          <Route
            path="targets/indicators"
            element={
              <RequireRole roles={['city_admin']}>
                <IndicatorsPage />
              </RequireRole>
            }
          />
          <Route
            path="targets/indicators/new"
            element={
              <RequireRole roles={['city_admin']}>
                <IndicatorFormPage />
              </RequireRole>
            }
          />
          <Route
            path="targets/indicators/:id"
            element={
              <RequireRole roles={['city_admin']}>
                <IndicatorFormPage />
              </RequireRole>
            }
          />
          <Route
            path="targets/submissions/:id"
            element={
              <RequireRole roles={['city_admin', 'town_admin']}>
                <SubmissionDetailPage />
              </RequireRole>
            }
          />
          <Route
            path="admin/users"
            element={
              <RequireRole roles={['city_admin']}>
                <UsersPage />
              </RequireRole>
            }
          />
          <Route
            path="admin/audit"
            element={
              <RequireRole roles={['city_admin']}>
                <AuditPage />
              </RequireRole>
            }
          />
          <Route
            path="admin/holidays"
            element={
              <RequireRole roles={['city_admin']}>
                <HolidaysPage />
              </RequireRole>
            }
          />
          <Route
            path="account/password"
            element={
              <RequireRole>
                <ChangePasswordPage />
              </RequireRole>
            }
          />
          <Route
            path="account/security"
            element={
              <RequireRole>
                <AccountSecurityPage />
              </RequireRole>
            }
          />
          <Route path="ip-market" element={<ShowcasePage />} />
          <Route path="ip-market/listings/:id" element={<ListingPage />} />
          <Route path="ip-market/open-licences" element={<OpenLicencesPage />} />
          <Route path="ip-market/statistics" element={<IpStatisticsPage />} />
          <Route
            path="ip-market/my"
            element={
              <RequireRole roles={['enterprise']}>
                <MyIpPage />
              </RequireRole>
            }
          />
          <Route
            path="ip-market/review"
            element={
              <RequireRole roles={['city_admin', 'town_admin']}>
                <IpReviewPage />
              </RequireRole>
            }
          />
          <Route
            path="ip-market/offers"
            element={
              <RequireRole roles={['city_admin', 'town_admin', 'enterprise', 'financier']}>
                <IpOffersPage />
              </RequireRole>
            }
          />
          <Route
            path="ip-market/offers/:id"
            element={
              <RequireRole roles={['city_admin', 'town_admin', 'enterprise', 'financier']}>
                <OfferThreadPage />
              </RequireRole>
            }
          />
          <Route
            path="ip-market/deals"
            element={
              <RequireRole roles={['city_admin', 'town_admin', 'enterprise', 'financier']}>
                <IpDealsPage />
              </RequireRole>
            }
          />
          <Route
            path="ip-market/deals/:id"
            element={
              <RequireRole roles={['city_admin', 'town_admin', 'enterprise', 'financier']}>
                <IpDealPage />
              </RequireRole>
            }
          />
          <Route path="services" element={<ServiceMarketplacePage />} />
          <Route path="services/:id" element={<ServiceDetailPage />} />
          <Route path="service-providers/:id" element={<ServiceProviderPage />} />
          <Route
            path="my/services"
            element={
              <RequireRole roles={['provider']}>
                <MyServicesPage />
              </RequireRole>
            }
          />
          <Route
            path="alliance/review"
            element={
              <RequireRole roles={['city_admin']}>
                <AllianceReviewPage />
              </RequireRole>
            }
          />
          <Route
            path="orders"
            element={
              <RequireRole roles={['city_admin', 'town_admin', 'provider', 'enterprise']}>
                <OrdersPage />
              </RequireRole>
            }
          />
          <Route
            path="orders/:id"
            element={
              <RequireRole roles={['city_admin', 'town_admin', 'provider', 'enterprise']}>
                <OrderDetailPage />
              </RequireRole>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
