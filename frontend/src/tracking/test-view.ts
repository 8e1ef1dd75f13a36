/** The tracking page's unit tests' answer from `GET /api/tracking`: Acme's technician, en route unless told otherwise. */
import type { TrackingView } from '../../../shared/contract/customer/tracking';

export const testView = (status: TrackingView['status'] = 'en_route'): TrackingView => ({
  business: {
    name: 'Acme',
    timeZone: 'America/Chicago',
    branding: { primaryColor: '#0b5cad', logoUrl: null },
    contact: { phone: '+15555550100', email: null },
    distanceUnit: 'mi',
  },
  technician: { name: 'Dev Okafor', photoUrl: null, vehicle: null },
  language: { business: 'en' },
  status,
  destination: { lat: 39.78, lng: -89.65 },
  updatedAt: '2026-11-24T20:00:00Z',
  map: null,
});
