import type { Role } from '@innotown/contracts/common';
import type { ServiceOrder } from '@innotown/contracts/service-orders';

export type OrderStep = 'quote' | 'accept' | 'decline' | 'cancel' | 'start' | 'deliver' | 'confirm' | 'dispute' | 'decide' | 'dispatch';

/**
 * What the signed-in user may do to the order now, from the role and the status — the same rules the
 * server's policy table and state machine hold; the server stays the judge (403/404/409 come back as messages).
 */
export function availableSteps(role: Role | undefined, o: Pick<ServiceOrder, 'status' | 'escalatedAt'>): OrderStep[] {
  switch (role) {
    case 'provider':
      return o.status === 'requested' ? ['quote'] : o.status === 'accepted' ? ['start'] : o.status === 'in_progress' ? ['deliver'] : [];
    case 'enterprise':
      if (o.status === 'requested' || o.status === 'accepted') return ['cancel'];
      // A quoted order is cancelled by declining the quote (the server's cancel would do the same).
      if (o.status === 'quoted') return ['accept', 'decline'];
      if (o.status === 'delivered') return ['confirm', 'dispute'];
      return [];
    case 'town_admin':
      if (o.status === 'disputed') return ['decide'];
      if (o.status === 'requested' && o.escalatedAt) return ['dispatch'];
      return [];
    default:
      return [];
  }
}
